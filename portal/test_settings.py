"""Settings for the test suite: the production settings with fast hashing and in-memory mail."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("REQUIRE_MFA_FOR_PRIVILEGED", "0")
os.environ.setdefault("SECURE_COOKIES", "0")

from portal.settings import *  # noqa: F403
from portal.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
_tmp = tempfile.mkdtemp(prefix="portal-test-media-")
MEDIA_ROOT = os.path.join(_tmp, "public")
PRIVATE_MEDIA_ROOT = os.path.join(_tmp, "private")
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
SECURE_HSTS_SECONDS = 0
SECURE_SSL_REDIRECT = False

# Tasks run in-process in tests; tests marked `worker` start a real worker on CELERY_BROKER_URL (Redis).
CELERY_TASK_ALWAYS_EAGER = True
