"""gunicorn settings, read from the working directory by the image (Dockerfile, docker-compose.yml) and by the load
test (bench/bench_load.py).

Threaded workers: a connection that is open but idle (a browser's keep-alive or pre-connect, a slow client) waits in
the worker's poller instead of holding a whole worker, which matters because no buffering proxy sits in front of
gunicorn in docker-compose. With sync workers, 50 users who pause between pages kept the 4 workers waiting on idle
connections (p95 1.4 s where the same server answered 100 req/s at p95 0.6 s to users who never pause).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
timeout = 30
