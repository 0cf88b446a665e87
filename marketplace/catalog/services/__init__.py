"""Every catalogue write. Each service takes the acting party, checks the vendor scope
through ``vendors.shops.policies`` and owns its transaction."""
