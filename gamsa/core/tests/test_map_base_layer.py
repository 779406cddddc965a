"""The map works on the separated internal network: its base layer is a vendored GeoJSON of the district's 18 행정동
(built by scripts/yeongdeungpo_dongs.py, source and licence in VERSIONS.txt); tiles come only from
GAMSA_MAP_TILE_URL, which settings check and put in the CSP."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import subprocess
import sys

import pytest

from gamsa.core.tests.test_backup_settings import PROJECT_DIR, clean_env

VENDOR = PROJECT_DIR / "gamsa" / "static" / "vendor"
GEOJSON = VENDOR / "geo" / "yeongdeungpo-dongs.geojson"
DONGS = {
    "영등포본동", "영등포동", "여의동", "당산1동", "당산2동", "도림동", "문래동", "양평1동", "양평2동",
    "신길1동", "신길3동", "신길4동", "신길5동", "신길6동", "신길7동", "대림1동", "대림2동", "대림3동",
}  # fmt: skip


def rings(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def test_the_vendored_layer_holds_the_18_dongs_and_the_outline_within_the_district():
    data = json.loads(GEOJSON.read_text("utf-8"))
    dongs = [f for f in data["features"] if f["properties"]["kind"] == "dong"]
    assert {f["properties"]["name"] for f in dongs} == DONGS and len(dongs) == 18
    assert [f["properties"]["name"] for f in data["features"] if f["properties"]["kind"] == "gu"] == [
        "영등포구"
    ]
    assert "통계청" in data["source"] and "Apache" in data["licence"]
    for feature in data["features"]:
        for ring in rings(feature["geometry"]):
            assert ring[0] == ring[-1] and len(ring) >= 4
            for lng, lat in ring:
                assert 126.86 < lng < 126.96 and 37.47 < lat < 37.56, feature["properties"]["name"]
                assert round(lng, 5) == lng and round(lat, 5) == lat  # about 1 m, no more
    assert GEOJSON.stat().st_size < 64 * 1024


def test_versions_txt_names_source_licence_and_the_files_hashes():
    text = (VENDOR / "VERSIONS.txt").read_text("utf-8")
    for path in ("geo/yeongdeungpo-dongs.geojson", "axe-core/axe.min.js", "axe-core/LICENSE"):
        digest = hashlib.sha256((VENDOR / path).read_bytes()).hexdigest()
        assert f"{digest}  {path}" in text, path
    assert "southkorea/seoul-maps" in text and "Apache License 2.0" in text and "통계청" in text
    assert "axe-core@4.14.1" in text and "MPL-2.0" in text


def _script():
    spec = importlib.util.spec_from_file_location(
        "yeongdeungpo_dongs", PROJECT_DIR / "scripts" / "yeongdeungpo_dongs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _topology(names, code_prefix="1119"):
    """A quantised TopoJSON like KOSTAT's: each 동 a square of four delta-encoded arcs, one drawn backwards."""
    arcs, geometries = [], []
    for i, name in enumerate(names):
        x0 = i * 10
        arcs += [[[x0, 0], [10, 0]], [[x0 + 10, 0], [0, 10]], [[x0 + 10, 10], [-10, 0]], [[x0, 0], [0, 10]]]
        a = 4 * i
        geometries.append(
            {
                "type": "Polygon",
                "arcs": [[a, a + 1, a + 2, ~(a + 3)]],
                "properties": {"code": f"{code_prefix}{i:03d}", "name": name},
            }
        )
    return {
        "type": "Topology",
        "transform": {"scale": [0.0001, 0.0001], "translate": [126.9, 37.5]},
        "objects": {"dongs": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def test_the_script_decodes_arcs_keeps_the_district_and_refuses_anything_but_the_18(tmp_path):
    script = _script()
    names = sorted(DONGS)
    dongs, gu, out = tmp_path / "dongs.json", tmp_path / "gu.json", tmp_path / "out.geojson"
    topo = _topology(names)
    topo["objects"]["dongs"]["geometries"].append(  # another district's 동 is left out
        {"type": "Polygon", "arcs": [[0, 1, 2, ~3]], "properties": {"code": "1120001", "name": "왕십리동"}}
    )
    dongs.write_text(json.dumps(topo), "utf-8")
    gu_topo = _topology(["영등포구"])
    gu_topo["objects"]["dongs"]["geometries"][0]["properties"]["code"] = "11190"
    gu.write_text(json.dumps(gu_topo), "utf-8")
    assert script.main([str(dongs), str(gu), str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    first = next(f for f in data["features"] if f["properties"]["name"] == names[0])
    # arc 0 from (0,0) by (10,0): 126.9, 37.5 → 126.901, 37.5; the square closes through the reversed fourth arc
    assert first["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[126.9, 37.5], [126.901, 37.5], [126.901, 37.501], [126.9, 37.501], [126.9, 37.5]]],
    }
    assert "왕십리동" not in out.read_text("utf-8")

    dongs.write_text(json.dumps(_topology(names[:17])), "utf-8")
    with pytest.raises(SystemExit, match="18 동"):
        script.main([str(dongs), str(gu), str(tmp_path / "refused.geojson")])
    assert not (tmp_path / "refused.geojson").exists()


@pytest.mark.django_db
def test_the_map_page_loads_the_vendored_layer_and_says_tiles_are_optional(client, login, settings):
    settings.GAMSA_MAP_TILE_URL = ""
    login("patrol")
    html = client.get("/patrols/map/").content.decode()
    assert re.search(r'data-boundaries="/static/vendor/geo/yeongdeungpo-dongs(\.[0-9a-f]+)?\.geojson"', html)
    assert 'data-tiles=""' in html and "18개 행정동 경계" in html
    settings.GAMSA_MAP_TILE_URL = "https://tiles.example.kr/{z}/{x}/{y}.png"
    html = client.get("/patrols/map/").content.decode()
    assert (
        'data-tiles="https://tiles.example.kr/{z}/{x}/{y}.png"' in html
        and 'data-testid="no-tiles"' not in html
    )


def _csp_images(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import gamsa.settings as s; print(repr(s.GAMSA_MAP_TILE_URL)); "
            "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))",
        ],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("value", "tile_url", "img_src"),
    [
        (None, "''", "'self' data: blob:"),
        ("", "''", "'self' data: blob:"),
        (
            "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
            "'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'",
            "'self' data: blob: https://*.tile.openstreetmap.org",
        ),
        (
            "https://xdworld.vworld.kr/2d/Base/service/{z}/{x}/{y}.png",
            "'https://xdworld.vworld.kr/2d/Base/service/{z}/{x}/{y}.png'",
            "'self' data: blob: https://xdworld.vworld.kr",
        ),
    ],
)
def test_the_tile_setting_is_optional_and_only_its_host_joins_the_csp(tmp_path, value, tile_url, img_src):
    result = _csp_images(clean_env(tmp_path, GAMSA_MAP_TILE_URL=value))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [tile_url, img_src]


@pytest.mark.parametrize(
    "value", ["ftp://tiles.example.kr/{z}/{x}/{y}.png", "tiles/{z}/{x}/{y}.png", "https://"]
)
def test_a_bad_tile_setting_stops_the_process_naming_it(tmp_path, value):
    result = _csp_images(clean_env(tmp_path, GAMSA_MAP_TILE_URL=value))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "GAMSA_MAP_TILE_URL" in result.stderr


def test_the_operations_guide_documents_the_tile_setting():
    text = (PROJECT_DIR / "docs" / "operations.md").read_text("utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| `GAMSA_MAP_TILE_URL`"))
    assert "행정동" in row and "img-src" in row
