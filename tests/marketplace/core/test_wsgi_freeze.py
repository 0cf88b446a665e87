"""marketplace/wsgi.py loads the URLconf, freezes what is loaded (gc.freeze) and collects the young
generation after 10,000 net allocations instead of 700."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_wsgi_module_loads_the_api_and_freezes_the_heap():
    code = (
        "import gc, sys; import marketplace.wsgi as w; "
        "print(gc.get_freeze_count() > 10000, 'storefront_api.schema' in sys.modules, callable(w.application), "
        "gc.get_threshold()[0])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "True", "True", "10000"], result.stderr[-2000:]
