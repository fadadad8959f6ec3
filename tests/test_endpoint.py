"""Resolving the endpoint: flags over the environment over the config file, and clear errors
for settings composer cannot use (each naming where the setting came from)."""

from __future__ import annotations

import pytest

from composer.endpoint import Endpoint, host_label, redact_url, resolve_endpoint
from composer.errors import ConfigError
from composer.settings import ModelSettings

LOCAL = {"OPENAI_BASE_URL": "http://127.0.0.1:8011/v1"}


def test_structured_comes_from_flag_then_environment_then_config() -> None:
    config = ModelSettings(structured="json_object")
    assert resolve_endpoint(config, env=LOCAL).structured == "json_object"
    env = {**LOCAL, "COMPOSER_STRUCTURED": "off"}
    assert resolve_endpoint(config, env=env).structured == "off"
    assert resolve_endpoint(config, env=env, structured="json_schema").structured == "json_schema"
    assert resolve_endpoint(ModelSettings(), env=LOCAL).structured == "auto"


def test_an_unknown_structured_value_is_a_config_error_naming_its_source() -> None:
    env = {**LOCAL, "COMPOSER_STRUCTURED": "yes please"}
    with pytest.raises(ConfigError, match="COMPOSER_STRUCTURED must be one of auto, json_schema"):
        resolve_endpoint(ModelSettings(), env=env)


def test_the_config_file_refuses_an_unknown_structured_value() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        ModelSettings(structured="sometimes")  # type: ignore[arg-type]


def test_the_request_timeout_follows_the_budget_unless_set() -> None:
    assert resolve_endpoint(ModelSettings(), env=LOCAL).request_timeout is None
    assert resolve_endpoint(ModelSettings(request_timeout=120), env=LOCAL).request_timeout == 120
    env = {**LOCAL, "COMPOSER_REQUEST_TIMEOUT": "45"}
    assert resolve_endpoint(ModelSettings(request_timeout=120), env=env).request_timeout == 45


def test_an_invalid_base_url_in_the_config_file_is_named_as_such() -> None:
    with pytest.raises(ConfigError, match=r"\[model\] base_url http://\[::1/v1 is not a valid"):
        resolve_endpoint(ModelSettings(base_url="http://[::1/v1"), env={})


def test_a_key_with_a_space_inside_is_refused_and_surrounding_space_is_dropped() -> None:
    with pytest.raises(ConfigError, match="a space or control character"):
        resolve_endpoint(ModelSettings(), env={"OPENAI_API_KEY": "sk-abc def-123456"})
    endpoint = resolve_endpoint(ModelSettings(), env={"OPENAI_API_KEY": "  sk-abcdef123456\n"})
    assert endpoint is not None and endpoint.api_key is not None
    assert endpoint.api_key.get_secret_value() == "sk-abcdef123456"


@pytest.mark.parametrize(
    ("url", "label"),
    [
        (None, "api.openai.com"),
        ("http://127.0.0.1:8011/v1", "127.0.0.1:8011"),
        ("https://user:secret@proxy.example/v1", "proxy.example"),
        ("http://[::1]:8080/v1", "[::1]:8080"),
        ("https://API.Example.com/v1?key=abc", "api.example.com"),
    ],
)
def test_the_label_is_host_and_port_only(url: str | None, label: str) -> None:
    assert host_label(url) == label


def test_a_password_is_redacted_wherever_the_url_is_shown() -> None:
    url = "https://jordan:p%40ss-w0rd-123@proxy.example/v1"
    endpoint = Endpoint(base_url=url)
    assert redact_url(url) == "https://jordan:***@proxy.example/v1"
    assert "p%40ss" not in repr(endpoint) and "p%40ss" not in endpoint.model_dump_json()
    assert endpoint.base_url == url  # the SDK still gets the real one
    assert "p@ss-w0rd-123" in endpoint.secrets()  # an echo of it is scrubbed too
