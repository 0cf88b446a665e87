"""Demo data for ``manage.py populatedb``: data modules (villages, routes, shops, the
catalogue structure, product templates, collections), Pillow-drawn images and the
idempotent seeding steps in ``seed.py``."""
