"""Production settings pass Django's deployment checks and send the security headers."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


# Only what README "Deploying" tells an operator to set (with DEBUG off, the default): production is secure by
# default, nothing else to switch on (issue 13: HTTPS redirect was off unless SECURE_SSL_REDIRECT was set).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DEBUG": "0",  # the default; said here so that a developer's `.env` (DEBUG=1 from `make run`) does not count
    "SECRET_KEY": "x8#Qm2!pL9vR4tY7uI0oP3aS6dF1gH5jK8lZ2xC4vB7nM0qW3eR6tY9uI2oP5aS8d",
    "SITE_URL": "https://portal.example.eu",
    "ALLOWED_HOSTS": "portal.example.eu",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.eu",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.eu:587",
}


def run_with_production_settings(args: list[str], tmp_path, **extra_env: str) -> subprocess.CompletedProcess:
    """A separate interpreter with the production settings on a throwaway SQLite file."""
    env = {
        **PRODUCTION_ENV,
        **extra_env,
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/production.sqlite3",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_check_deploy_gives_no_warnings_with_production_settings(tmp_path):
    result = run_with_production_settings(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_api_docs_page_has_no_inline_script(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.text
    assert "<script>" not in html.replace(" ", "")


# Run in a separate interpreter with the production settings: a login page over HTTPS and the same page over HTTP.
# The hashed-name static storage needs `collectstatic`, which is not what this checks: plain static storage here.
COOKIE_PROBE = """
import json, django
import portal.settings
portal.settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
django.setup()
from django.test import Client
client = Client(HTTP_HOST="portal.example.eu")
secure = client.get("/accounts/login/", secure=True)
plain = client.get("/accounts/login/")
csrf = secure.cookies["csrftoken"]
from django.conf import settings
print(json.dumps({
    "status": secure.status_code,
    "hsts": secure.get("Strict-Transport-Security"),
    "redirect": [plain.status_code, plain.get("Location")],
    "csrf_secure": bool(csrf["secure"]),
    "csrf_samesite": csrf["samesite"],
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "referrer": secure.get("Referrer-Policy"),
    "healthz_plain": client.get("/healthz").status_code,
    "post_redirect": [client.post("/labels/verify/").status_code],
}))
"""


def test_production_cookies_are_secure_and_https_is_enforced_with_hsts(tmp_path):
    result = run_with_production_settings(["-c", COOKIE_PROBE], tmp_path)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["status"] == 200
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert probe["redirect"] == [301, "https://portal.example.eu/accounts/login/"]
    assert probe["csrf_secure"] and probe["csrf_samesite"] == "Lax"
    assert probe["session_secure"] and probe["session_httponly"]
    assert probe["referrer"] == "same-origin"
    # The health check answers on plain HTTP: the container probe and load balancers call it without TLS
    assert probe["healthz_plain"] == 200
    assert probe["post_redirect"] == [301]


def test_without_the_env_variable_plain_http_is_redirected_and_it_can_be_switched_off(tmp_path):
    probe = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_SSL_REDIRECT)"
    assert run_with_production_settings(["-c", probe], tmp_path).stdout.strip() == "True"
    off = run_with_production_settings(["-c", probe], tmp_path, SECURE_SSL_REDIRECT="0")  # a proxy redirects itself
    assert off.stdout.strip() == "False"
    debug = run_with_production_settings(["-c", probe], tmp_path, DEBUG="1")
    assert debug.stdout.strip() == "False"


TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for template in directory.rglob("*.html"):
            text = template.read_text()
            # JSON data islands are not executed; everything else must be a file under static/.
            scripts = [m for m in INLINE_SCRIPT.findall(text) if 'type="application/json"' not in m]
            if scripts or INLINE_HANDLER.search(text):
                offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


# --- Uploaded files are never served as HTML --------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_a_logo_is_served_as_an_image_that_cannot_be_taken_for_a_page(client, media_root, user_client):
    from platform_directory.models import ClusterOrganisation
    from tests.platform_directory.factories import image_bytes, profile_data

    upload = SimpleUploadedFile("logo.html", image_bytes("PNG"), content_type="text/html")
    response = user_client.post("/directory/new/", {**profile_data(), "logo": upload})
    assert response.status_code == 302, response.content
    logo = ClusterOrganisation.objects.get().logo
    assert logo.name.endswith(".png")

    response = client.get(logo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == image_bytes("PNG")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["page.html", "logos/evil.svg", "notes.txt", "logos/x.png.html", "../pyproject.toml"])
def test_other_files_under_media_are_not_served(client, media_root, name):
    (media_root / "logos").mkdir()
    (media_root / "page.html").write_text("<script>alert(1)</script>")
    (media_root / "logos" / "evil.svg").write_text("<svg onload='alert(1)'/>")
    (media_root / "notes.txt").write_text("text")
    (media_root / "logos" / "x.png.html").write_text("<script>alert(1)</script>")
    assert client.get(f"/media/{name}").status_code == 404


@pytest.mark.django_db
def test_a_missing_or_escaping_image_path_is_not_found(client, media_root):
    assert client.get("/media/logos/missing.png").status_code == 404
    assert client.get("/media/%2e%2e/%2e%2e/etc/passwd.png").status_code == 404


# Private files (evidence, certificates, reports, CSV exports) are served as attachments, only through permission
# checks; tests/labelling/test_evidence_files.py refuses HTML in disguise at upload and the permission matrix in
# tests/security/test_permission_matrix.py covers who may download them.
@pytest.mark.django_db
def test_evidence_is_downloaded_as_an_attachment_never_rendered(manager_a_client, org_a):
    from django.urls import reverse

    from tests.labelling.factories import EvidenceDocumentFactory

    document = EvidenceDocumentFactory(organisation=org_a)
    response = manager_a_client.get(reverse("labelling:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="evidence.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Sign-up and password reset do not reveal accounts ----------------------------------------------------------


@pytest.mark.django_db
def test_sign_up_with_a_registered_address_looks_like_any_other_sign_up(client):
    from django.core import mail

    from portal.models import User
    from tests.factories import UserFactory

    UserFactory(email="known@example.org")
    data = {"display_name": "A Person", "password1": "a-long-enough-pass", "password2": "a-long-enough-pass"}
    new = Client().post("/accounts/signup/", {"email": "new@example.org", **data})
    known = Client().post("/accounts/signup/", {"email": "known@example.org", **data})
    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"]
    assert User.objects.filter(email="known@example.org").count() == 1
    # The owner of the address hears about the attempt by e-mail, not the person at the keyboard.
    to_known = [message for message in mail.outbox if "known@example.org" in message.to]
    assert len(to_known) == 1 and "already" in to_known[0].body


@pytest.mark.django_db
def test_the_password_reset_page_after_sending_is_the_same_for_known_and_unknown_addresses(client):
    from tests.factories import UserFactory

    UserFactory(email="known@example.org")
    pages = []
    for email in ("known@example.org", "unknown@example.org"):
        visitor = Client()
        response = visitor.post("/accounts/password/reset/", {"email": email}, follow=True)
        pages.append(re.sub(r"[A-Za-z0-9]{64}", "<token>", response.text))
    assert pages[0] == pages[1]
