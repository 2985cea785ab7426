"""Production-like settings for the load test (bench/bench_load.py starts gunicorn with them).

The portal's own settings with DEBUG off, whitenoise serving collected static files, persistent database
connections (CONN_MAX_AGE from DATABASE_URL) and the Redis cache; bench_load.py supplies SECRET_KEY,
ALLOWED_HOSTS, CACHE_URL, LABEL_VERIFY_RATE_PER_MINUTE and BENCH_STATIC_ROOT through the environment.
Three differences from production, all for the bench only: a URLconf with a trivial view added
(bench/load_urls.py), the static files collected into a directory of the bench's own, and plain HTTP served as it
is (the bench talks to gunicorn on 127.0.0.1 with no TLS in front, so production's redirect to HTTPS is off).
"""

import os

os.environ["DEBUG"] = "0"  # before the portal's settings read `.env` (which holds DEBUG=1 for manage.py)

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
SECURE_SSL_REDIRECT = False
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
