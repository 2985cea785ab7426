"""Production-like settings for the load test (bench/bench_load.py starts gunicorn with them).

The portal's own settings with DEBUG off, whitenoise serving collected static files, persistent database
connections (CONN_MAX_AGE from DATABASE_URL) and the Redis cache; bench_load.py supplies SECRET_KEY,
ALLOWED_HOSTS, CACHE_URL, LABEL_VERIFY_RATE_PER_MINUTE and BENCH_STATIC_ROOT through the environment.
Two differences from production, both for the bench only: a URLconf with a trivial view added
(bench/load_urls.py) and the static files collected into a directory of the bench's own.
"""

import os

os.environ["DEBUG"] = "0"  # before the portal's settings read `.env` (which holds DEBUG=1 for manage.py)

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
