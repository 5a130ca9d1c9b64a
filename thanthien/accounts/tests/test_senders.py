"""SMS senders: the console outbox and the HTTP adapter against a real local server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from thanthien.accounts import senders
from thanthien.accounts.senders import ConsoleSender, HttpSender, SendError, get_sender


class _Recorder(BaseHTTPRequestHandler):
    requests: list = []
    status = 200
    delay = 0.0

    def do_POST(self):
        import time

        length = int(self.headers["Content-Length"])
        type(self).requests.append(
            {"path": self.path, "headers": dict(self.headers), "body": self.rfile.read(length).decode()}
        )
        time.sleep(type(self).delay)
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def gateway():
    handler = type("Handler", (_Recorder,), {"requests": [], "status": 200, "delay": 0.0})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_address[1]}/sms"
    server.shutdown()
    server.server_close()


def test_http_sender_posts_json_with_bearer_token(gateway):
    handler, url = gateway
    HttpSender(url=url, token="s3cret", timeout=2, sender_name="UBND XA").send("0912345678", "Mã 123456")
    [request] = handler.requests
    assert request["path"] == "/sms"
    assert request["headers"]["Authorization"] == "Bearer s3cret"
    assert request["headers"]["Content-Type"].startswith("application/json")
    assert json.loads(request["body"]) == {"to": "0912345678", "text": "Mã 123456", "sender": "UBND XA"}


def test_http_sender_reads_settings(gateway, settings):
    handler, url = gateway
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = url
    settings.SMS_HTTP_TOKEN = "from-env"
    settings.SMS_SENDER_NAME = "THANTHIEN"
    sender = get_sender()
    assert isinstance(sender, HttpSender)
    sender.send("0386123456", "hello")
    assert handler.requests[0]["headers"]["Authorization"] == "Bearer from-env"
    assert json.loads(handler.requests[0]["body"])["sender"] == "THANTHIEN"


def test_gateway_error_raises_a_clear_exception_and_is_logged_without_the_text(gateway, caplog):
    handler, url = gateway
    handler.status = 503
    with pytest.raises(SendError, match="HTTP 503"):
        HttpSender(url=url, token="t", timeout=2).send("0912345678", "Mã 654321")
    assert "HTTP 503" in caplog.text
    assert "654321" not in caplog.text
    assert "0912345678" not in caplog.text  # masked


def test_slow_gateway_times_out(gateway):
    handler, url = gateway
    handler.delay = 1.0
    with pytest.raises(SendError, match="unreachable"):
        HttpSender(url=url, token="t", timeout=0.2).send("0912345678", "x")


def test_unreachable_gateway_raises_send_error():
    with pytest.raises(SendError, match="unreachable"):
        HttpSender(url="http://127.0.0.1:9/", token="t", timeout=1).send("0912345678", "x")


@pytest.mark.parametrize("url", ["", "file:///etc/passwd", "ftp://example.org/"])
def test_http_sender_refuses_non_http_addresses(url):
    with pytest.raises(ImproperlyConfigured):
        HttpSender(url=url)


def test_console_sender_keeps_an_outbox(settings):
    settings.SMS_BACKEND = "console"
    senders.outbox.clear()
    sender = get_sender()
    assert isinstance(sender, ConsoleSender)
    sender.send("0912345678", "xin chào")
    assert senders.outbox[-1].to == "0912345678" and senders.outbox[-1].text == "xin chào"


def test_sender_may_be_a_dotted_class_path(settings):
    settings.SMS_BACKEND = "thanthien.accounts.senders.ConsoleSender"
    assert isinstance(get_sender(), ConsoleSender)
    settings.SMS_BACKEND = "carrier-pigeon"
    with pytest.raises(ImproperlyConfigured):
        get_sender()
