"""Gunicorn settings for the Docker image (copied to /app/gunicorn.conf.py).

Command-line flags and GUNICORN_CMD_ARGS override anything here.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
accesslog = "-"  # access log to stdout
errorlog = "-"  # server log to stderr
# Heartbeat files on tmpfs: a container's /tmp may sit on a slow overlay filesystem.
worker_tmp_dir = "/dev/shm"
# gunicorn >= 25 control socket; the default under $HOME is not writable in the image.
control_socket = "/tmp/gunicorn.ctl"
