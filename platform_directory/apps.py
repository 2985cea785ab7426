from django.apps import AppConfig


class PlatformDirectoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "platform_directory"
    verbose_name = "Collaboration directory"
