# One image for web (gunicorn), worker and beat; docker-compose.yml picks the command.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango; fonts for certificates and reports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .

# collectstatic needs settings but no secrets or database.
RUN SECRET_KEY=collectstatic-only ALLOW_INSECURE_SECRET=1 python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 portal && mkdir -p /data/media /data/private && chown -R portal /data
USER portal

ENV MEDIA_ROOT=/data/media PRIVATE_MEDIA_ROOT=/data/private
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
