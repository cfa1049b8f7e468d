from django.apps import AppConfig


class DockingConfig(AppConfig):
    name = "techbridge.docking"
    label = "docking"
    default_auto_field = "django.db.models.BigAutoField"
