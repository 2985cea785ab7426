"""Authoring in the administration: preview of the sanitised Markdown, quiz checks, publishing actions."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knowledge.models import KnowledgeImage, Module, QuizQuestion, Status
from portal.models import AuditEvent
from tests.knowledge.factories import LessonFactory, ModuleFactory


def test_the_lesson_form_shows_a_sanitised_preview(coordinator_client, db):
    lesson = LessonFactory(body="## Heading\n\n<script>alert(1)</script>Text")
    content = coordinator_client.get(reverse("admin:knowledge_lesson_change", args=[lesson.pk])).content.decode()
    assert "<h2>Heading</h2>" in content
    assert "<script>alert(1)" not in content
    assert lesson.get_absolute_url() in content


def test_staff_preview_drafts_on_the_site(coordinator_client, draft_module):
    content = coordinator_client.get(draft_module.get_absolute_url()).content.decode()
    assert "Draft preview" in content


def test_publishing_needs_a_published_lesson_and_is_audited(coordinator_client, coordinator, db):
    empty = ModuleFactory(status=Status.DRAFT)
    ready = ModuleFactory(status=Status.DRAFT)
    LessonFactory(module=ready)
    changelist = reverse("admin:knowledge_module_changelist")
    coordinator_client.post(changelist, {"action": "publish", "_selected_action": [empty.pk, ready.pk]})
    assert Module.objects.get(pk=ready.pk).status == Status.PUBLISHED
    assert Module.objects.get(pk=empty.pk).status == Status.DRAFT
    assert AuditEvent.objects.filter(action="knowledge.module.published", target_id=str(ready.pk)).exists()


def _question_post(module, options):
    data = {
        "module": module.pk,
        "text": "Which?",
        "explanation": "",
        "order": 1,
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for i, (text, correct) in enumerate(options):
        data[f"options-{i}-text"] = text
        data[f"options-{i}-order"] = str(i)
        if correct:
            data[f"options-{i}-is_correct"] = "on"
    return data


def test_a_quiz_question_needs_a_right_and_a_wrong_option(coordinator_client, module):
    url = reverse("admin:knowledge_quizquestion_add")
    response = coordinator_client.post(url, _question_post(module, [("A", False), ("B", False)]))
    assert "Mark at least one option as correct" in response.content.decode()
    response = coordinator_client.post(url, _question_post(module, [("A", True), ("B", True)]))
    assert "At least one option must be wrong" in response.content.decode()
    assert not QuizQuestion.objects.exists()
    response = coordinator_client.post(url, _question_post(module, [("A", True), ("B", False)]))
    assert response.status_code == 302
    assert QuizQuestion.objects.get().options.count() == 2


def test_image_uploads_are_checked_by_content(coordinator_client, db):
    url = reverse("admin:knowledge_knowledgeimage_add")
    fake = SimpleUploadedFile("diagram.png", b"<svg onload=alert(1)></svg>", content_type="image/png")
    response = coordinator_client.post(url, {"image": fake, "alt_text": "Diagram"})
    assert response.status_code == 200 and not KnowledgeImage.objects.exists()

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(buffer, format="PNG")
    real = SimpleUploadedFile("diagram.png", buffer.getvalue(), content_type="image/png")
    response = coordinator_client.post(url, {"image": real, "alt_text": "Diagram"})
    assert response.status_code == 302
    image = KnowledgeImage.objects.get()
    assert image.markdown_snippet().startswith("![Diagram](/media/knowledge/")


def test_non_staff_cannot_reach_the_authoring_admin(user_client, manager_a_client, db):
    for client in (user_client, manager_a_client):
        response = client.get(reverse("admin:knowledge_module_changelist"))
        assert response.status_code == 302 and "/admin/login/" in response.url
