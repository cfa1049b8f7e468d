from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "techbridge.marketplace"
    label = "marketplace"
    default_auto_field = "django.db.models.BigAutoField"
