from techbridge.ops.checks import production_problems


def test_the_trial_configuration_is_refused_for_production(settings, monkeypatch):
    monkeypatch.delenv("TECHBRIDGE_SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings.DEBUG = True
    problems = " | ".join(production_problems())
    expected = [
        "TECHBRIDGE_DEBUG is on",
        "TECHBRIDGE_ENV is not 'production'",
        "TECHBRIDGE_SECRET_KEY is not set",
        "names no public host",
        "plain HTTP",
        "does not point to PostgreSQL",
    ]
    for text in expected:
        assert text in problems


def test_a_safe_production_configuration_passes(settings, monkeypatch):
    monkeypatch.setenv("TECHBRIDGE_SECRET_KEY", "k" * 50)
    monkeypatch.setenv("DATABASE_URL", "postgres://techbridge@db.example.org/techbridge")
    settings.DEBUG = False
    settings.ENVIRONMENT = "production"
    settings.ALLOWED_HOSTS = ["techbridge.example.org"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    assert production_problems() == []


def test_a_wildcard_host_is_refused(settings):
    settings.ALLOWED_HOSTS = ["*"]
    assert "TECHBRIDGE_ALLOWED_HOSTS contains '*'" in production_problems()
