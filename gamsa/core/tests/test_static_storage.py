"""Static file addresses (core/storage.py): hashed names from the manifest, each worked out once per process."""

from __future__ import annotations

from gamsa.core.storage import StaticStorage


def test_collected_files_get_their_hashed_address_once_and_the_rest_their_plain_name(tmp_path):
    storage = StaticStorage(location=str(tmp_path), base_url="/static/")
    storage.hashed_files = {"gamsa/css/site.css": "gamsa/css/site.0123abcd.css"}
    assert storage.url("gamsa/css/site.css") == "/static/gamsa/css/site.0123abcd.css"
    storage.hashed_files = {"gamsa/css/site.css": "gamsa/css/site.ffff0000.css"}
    assert storage.url("gamsa/css/site.css") == "/static/gamsa/css/site.0123abcd.css"  # kept for the process
    assert storage.url("gamsa/css/site.css", force=True) == "/static/gamsa/css/site.ffff0000.css"

    assert storage.url("gamsa/js/new.js") == "/static/gamsa/js/new.js"  # not collected yet: its plain name
    storage.hashed_files["gamsa/js/new.js"] = "gamsa/js/new.99.js"
    assert (
        storage.url("gamsa/js/new.js") == "/static/gamsa/js/new.99.js"
    )  # and not kept, so collected later shows
