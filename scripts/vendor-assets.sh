#!/usr/bin/env bash
# Vendor front-end assets (KRDS, htmx, Pretendard GOV) into gamsa/static/vendor/
# so that no page ever loads anything from the internet.
#
# Fetches pinned package tarballs with `npm pack` (npm registry only), extracts
# them in a temp dir and copies ONLY what the site needs.  Re-running is safe:
# gamsa/static/vendor/ is rebuilt from scratch each time.
#
# Usage: scripts/vendor-assets.sh
#   FONT_MODE=dynamic (default) : Pretendard GOV "dynamic subset" woff2 chunks
#       (unicode-range split, browser fetches only the chunks a page uses).
#       Chunks that contain nothing but Hanja (CJK ideographs) are dropped,
#       so ALL 11,172 Hangul syllables + jamo + Latin + symbols are covered.
#   FONT_MODE=subset : one static "subset" woff2 per weight (~260 KB each).
#       Smaller, but only covers ~2,780 common Hangul syllables (rarer
#       syllables fall back to the system font).
#
# Requires: bash, npm, node, tar, sha256sum, perl.
set -euo pipefail

KRDS_VERSION=1.1.0
HTMX_VERSION=2.0.11
FONT_VERSION=1.3.9
LEAFLET_VERSION=1.9.4
MARKERCLUSTER_VERSION=1.5.3
AXE_VERSION=4.14.1  # accessibility checks in the browser tests only; no page loads it
FONT_MODE="${FONT_MODE:-dynamic}"
FONT_WEIGHTS=("400:Regular" "500:Medium" "700:Bold")

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/gamsa/static/vendor"

case "$FONT_MODE" in dynamic|subset) ;; *) echo "FONT_MODE must be 'dynamic' or 'subset'" >&2; exit 2;; esac
for tool in npm node tar sha256sum perl; do
  command -v "$tool" >/dev/null || { echo "missing required tool: $tool" >&2; exit 2; }
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# --- fetch --------------------------------------------------------------------
declare -A INTEGRITY
fetch() {  # fetch <name> <version> -> extracts to $TMP/<name>/package
  local name="$1" version="$2" json="$TMP/$1.pack.json" tgz
  echo "npm pack $name@$version" >&2
  (cd "$TMP" && npm pack --silent --json "$name@$version") > "$json"
  tgz="$(node -e 'const j=require(process.argv[1]);process.stdout.write(j[0].filename)' "$json")"
  INTEGRITY[$name]="$(node -e 'const j=require(process.argv[1]);process.stdout.write(j[0].integrity)' "$json")"
  mkdir -p "$TMP/$name"
  tar -xzf "$TMP/$tgz" -C "$TMP/$name"
  rm -f "$TMP/$tgz"
}
fetch krds-uiux "$KRDS_VERSION"
fetch htmx.org "$HTMX_VERSION"
fetch pretendard-gov "$FONT_VERSION"
fetch leaflet "$LEAFLET_VERSION"
fetch leaflet.markercluster "$MARKERCLUSTER_VERSION"
fetch axe-core "$AXE_VERSION"

KRDS_SRC="$TMP/krds-uiux/package"
HTMX_SRC="$TMP/htmx.org/package"
FONT_SRC="$TMP/pretendard-gov/package"

# geo/ is not from npm: scripts/yeongdeungpo_dongs.py builds it from public boundary data. Keep it.
if [[ -d "$DEST/geo" ]]; then cp -a "$DEST/geo" "$TMP/geo-keep"; fi
rm -rf "$DEST"
mkdir -p "$DEST"/{krds/css,krds/js,htmx,fonts/pretendard-gov}
if [[ -d "$TMP/geo-keep" ]]; then cp -a "$TMP/geo-keep" "$DEST/geo"; fi

# --- KRDS ---------------------------------------------------------------------
# krds.min.css is the complete bundle (tokens + common + components + swiper CSS).
# It references its icons by absolute CDN URL (https://www.krds.go.kr/resources/img/...);
# rewrite them to ../img/... and copy exactly the referenced icons.
KRDS_CDN_PREFIX='https://www.krds.go.kr/resources/img/'
sed -e "s#url(${KRDS_CDN_PREFIX}#url(../img/#g" \
    -e "s#url(\"${KRDS_CDN_PREFIX}#url(\"../img/#g" \
    -e "s#url('${KRDS_CDN_PREFIX}#url('../img/#g" \
    "$KRDS_SRC/resources/cdn/krds.min.css" > "$DEST/krds/css/krds.min.css"

krds_img_count=0
while IFS= read -r rel; do
  src="$KRDS_SRC/resources/img/$rel"
  [[ -f "$src" ]] || { echo "KRDS CSS references missing file img/$rel" >&2; exit 1; }
  mkdir -p "$DEST/krds/img/$(dirname "$rel")"
  cp "$src" "$DEST/krds/img/$rel"
  krds_img_count=$((krds_img_count + 1))
done < <(grep -o "url(['\"]\?\.\./img/[^)'\"]*" "$DEST/krds/css/krds.min.css" | sed "s#^url(['\"]\?\.\./img/##" | sort -u)

# ui-script.js is the current component script (the cdn/krds.min.js bundle is an
# older build + Swiper; it lacks e.g. the TTS component).  Swiper is not vendored.
cp "$KRDS_SRC/resources/js/component/ui-script.js" "$DEST/krds/js/ui-script.js"

# The package ships no LICENSE file: record what it declares.
{
  echo "krds-uiux@$KRDS_VERSION (KRDS - Korea Design System, HTML component kit)"
  echo
  echo "The npm package ships no LICENSE file. package.json declares: \"license\": \"$(node -e 'process.stdout.write(require(process.argv[1]).license||"")' "$KRDS_SRC/package.json")\""
  echo "Its README states (copyright and license section, verbatim):"
  echo
  sed -n '/^## 저작권 및 라이선스/,$p' "$KRDS_SRC/README.md"
} > "$DEST/krds/LICENSE.txt"

# --- htmx ---------------------------------------------------------------------
cp "$HTMX_SRC/dist/htmx.min.js" "$DEST/htmx/htmx.min.js"
cp "$HTMX_SRC/LICENSE" "$DEST/htmx/LICENSE"

# --- Pretendard GOV -----------------------------------------------------------
FONT_WEB="$FONT_SRC/dist/web/static"
FONT_DEST="$DEST/fonts/pretendard-gov"
cp "$FONT_SRC/dist/LICENSE.txt" "$FONT_DEST/LICENSE.txt"
mkdir -p "$FONT_DEST/woff2"

if [[ "$FONT_MODE" == subset ]]; then
  {
    echo "/* Pretendard GOV $FONT_VERSION (SIL OFL 1.1, see LICENSE.txt). Static subset woff2, vendored by scripts/vendor-assets.sh */"
    for wn in "${FONT_WEIGHTS[@]}"; do
      w="${wn%%:*}" n="${wn#*:}"
      cp "$FONT_WEB/woff2-subset/PretendardGOV-$n.subset.woff2" "$FONT_DEST/woff2/"
      printf "@font-face{font-family:'Pretendard GOV';font-style:normal;font-weight:%s;font-display:swap;src:url(./woff2/PretendardGOV-%s.subset.woff2) format('woff2')}\n" "$w" "$n"
    done
  } > "$FONT_DEST/pretendard-gov.css"
else
  weights="$(IFS=,; echo "${FONT_WEIGHTS[*]%%:*}")"
  node - "$FONT_WEB" "$FONT_DEST" "$weights" "$FONT_VERSION" <<'NODE'
const fs = require('fs'), path = require('path');
const [src, dest, weightsArg, version] = process.argv.slice(2);
const weights = new Set(weightsArg.split(','));
const css = fs.readFileSync(path.join(src, 'pretendard-gov-dynamic-subset.css'), 'utf8');
// true if every range of the chunk is CJK ideographs only (Hanja) -> not needed for Hangul UI
const isCjk = (a, b) => (a >= 0x4E00 && b <= 0x9FFF) || (a >= 0x3400 && b <= 0x4DBF) ||
                        (a >= 0xF900 && b <= 0xFAFF) || a >= 0x20000;
let out = [`/* Pretendard GOV ${version} (SIL OFL 1.1, see LICENSE.txt). Dynamic-subset woff2 for weights ${weightsArg};\n` +
           `   Hanja-only chunks removed. Generated by scripts/vendor-assets.sh from pretendard-gov-dynamic-subset.css */`];
let kept = 0, dropped = 0, hangul = new Set();
for (const m of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
  const body = m[1];
  const w = /font-weight:\s*(\d+)/.exec(body)[1];
  if (!weights.has(w)) continue;
  const file = /url\(\.\/woff2-dynamic-subset\/([^)]+\.woff2)\)/.exec(body)[1];
  const ur = /unicode-range:\s*([^;]+);/.exec(body)[1].trim();
  const ranges = ur.split(',').map(s => s.trim().slice(2).split('-').map(h => parseInt(h, 16)))
                   .map(r => [r[0], r.length > 1 ? r[1] : r[0]]);
  if (ranges.every(([a, b]) => isCjk(a, b))) { dropped++; continue; }
  if (w === '400') for (const [a, b] of ranges) for (let c = Math.max(a, 0xAC00); c <= Math.min(b, 0xD7A3); c++) hangul.add(c);
  fs.copyFileSync(path.join(src, 'woff2-dynamic-subset', file), path.join(dest, 'woff2', file));
  out.push(`@font-face{font-family:'Pretendard GOV';font-style:normal;font-weight:${w};font-display:swap;` +
           `src:url(./woff2/${file}) format('woff2');unicode-range:${ur.replace(/\s+/g, '')}}`);
  kept++;
}
if (hangul.size !== 11172) { console.error(`font: only ${hangul.size}/11172 Hangul syllables covered`); process.exit(1); }
fs.writeFileSync(path.join(dest, 'pretendard-gov.css'), out.join('\n') + '\n');
console.error(`font: kept ${kept} chunks, dropped ${dropped} Hanja-only chunks; all 11172 Hangul syllables covered`);
NODE
fi

# --- Pretendard GOV, complete files for PDFs (ADR 0008) -------------------------
# WeasyPrint merges @font-face files that share a family and weight into one PDF font, so the unicode-range
# chunks above print wrong glyphs in PDFs. PDFs use one complete, unmodified TrueType file per weight instead.
# They live outside static/ (server-side only; never collected, compressed or served to browsers).
PDF_FONT_DEST="$ROOT/gamsa/core/fonts"
rm -rf "$PDF_FONT_DEST"
mkdir -p "$PDF_FONT_DEST"
cp "$FONT_SRC/dist/LICENSE.txt" "$PDF_FONT_DEST/LICENSE.txt"
for n in Regular Bold; do
  cp "$FONT_SRC/dist/public/static/alternative/PretendardGOV-$n.ttf" "$PDF_FONT_DEST/"
done
{
  echo "# Fonts for PDFs. Generated by scripts/vendor-assets.sh - do not edit by hand."
  echo "pretendard-gov@$FONT_VERSION  ${INTEGRITY[pretendard-gov]}"
  echo "  PretendardGOV-{Regular,Bold}.ttf  <- dist/public/static/alternative/ (complete, unmodified; SIL OFL 1.1, LICENSE.txt)"
  echo
  (cd "$PDF_FONT_DEST" && sha256sum PretendardGOV-*.ttf)
} > "$PDF_FONT_DEST/VERSIONS.txt"

# --- Leaflet and Leaflet.markercluster (the patrol map) ------------------------------
mkdir -p "$DEST/leaflet/images" "$DEST/leaflet.markercluster"
cp "$TMP/leaflet/package/dist/"{leaflet.js,leaflet.js.map,leaflet.css} "$DEST/leaflet/"
cp "$TMP/leaflet/package/dist/images/"*.png "$DEST/leaflet/images/"
cp "$TMP/leaflet/package/LICENSE" "$DEST/leaflet/LICENSE"
cp "$TMP/leaflet.markercluster/package/dist/"{leaflet.markercluster.js,leaflet.markercluster.js.map,MarkerCluster.css,MarkerCluster.Default.css} "$DEST/leaflet.markercluster/"
cp "$TMP/leaflet.markercluster/package/MIT-LICENCE.txt" "$DEST/leaflet.markercluster/LICENSE"

# --- axe-core (the accessibility test of the browser tests; loaded by Playwright, never by a page) -------------
mkdir -p "$DEST/axe-core"
cp "$TMP/axe-core/package/"{axe.min.js,LICENSE} "$DEST/axe-core/"

# --- no remote references may remain ------------------------------------------
# CSS: after stripping /* comments */, no url(http...), url(//...) or @import of a remote URL.
# JS : after stripping /* comments */, no http:// or https:// string at all.
fail=0
while IFS= read -r -d '' f; do
  if perl -0777 -ne 's{/\*.*?\*/}{}gs; exit(!(m{url\(\s*["\x27]?\s*(?:https?:)?//}i || m{\@import\s+(?:url\()?\s*["\x27]?\s*(?:https?:)?//}i))' "$f"; then
    echo "REMOTE REFERENCE in ${f#"$ROOT"/}:" >&2
    perl -0777 -ne 's{/\*.*?\*/}{}gs; print "  $&\n" while m{(?:url\(|\@import)\s*["\x27]?\s*(?:https?:)?//[^)"\x27;]{0,80}}gi' "$f" | sort -u | head -5 >&2
    fail=1
  fi
done < <(find "$DEST" -name '*.css' -print0)
while IFS= read -r -d '' f; do
  # Leaflet names the SVG namespace and links its own site in the attribution; neither is ever fetched.
  if perl -0777 -ne 's{/\*.*?\*/}{}gs; s{http://www\.w3\.org/2000/svg}{}g; s{https://leafletjs\.com}{}g; exit(!m{https?://}i)' "$f"; then
    echo "REMOTE URL in ${f#"$ROOT"/}:" >&2
    perl -0777 -ne 's{/\*.*?\*/}{}gs; print "  ...$&...\n" while m{.{0,40}https?://.{0,40}}g' "$f" | head -5 >&2
    fail=1
  fi
done < <(find "$DEST" -name '*.js' ! -path '*/axe-core/*' -print0)  # axe names its rules' help pages; tests only
[[ $fail -eq 0 ]] || { echo "remote references remain in vendored assets; aborting" >&2; exit 1; }

# --- VERSIONS.txt ---------------------------------------------------------------
{
  echo "# Vendored front-end assets. Generated by scripts/vendor-assets.sh - do not edit by hand."
  echo "# Re-run the script to update; everything under gamsa/static/vendor/ is rebuilt."
  echo
  echo "krds-uiux@$KRDS_VERSION  ${INTEGRITY[krds-uiux]}"
  echo "  krds/css/krds.min.css  <- resources/cdn/krds.min.css (full bundle: tokens, common, components, swiper CSS)"
  echo "    MODIFIED: icon URLs rewritten by sed from url(${KRDS_CDN_PREFIX}...) to url(../img/...);"
  echo "    the $krds_img_count referenced icons are copied to krds/img/ with the package's layout (resources/img/...)."
  echo "    The CSS has no @import and no @font-face for Pretendard; it only names font-family \"Pretendard GOV\""
  echo "    (--krds-typo-font-type), which fonts/pretendard-gov/pretendard-gov.css provides locally. No font rewrite was needed."
  echo "  krds/js/ui-script.js   <- resources/js/component/ui-script.js (unmodified; Swiper not vendored)"
  echo "  krds/LICENSE.txt       <- generated: package ships no LICENSE (package.json says ISC; README defers to KRDS terms of use)"
  echo
  echo "htmx.org@$HTMX_VERSION  ${INTEGRITY[htmx.org]}"
  echo "  htmx/htmx.min.js       <- dist/htmx.min.js (unmodified)"
  echo
  echo "pretendard-gov@$FONT_VERSION  ${INTEGRITY[pretendard-gov]}"
  if [[ "$FONT_MODE" == subset ]]; then
    echo "  FONT_MODE=subset: dist/web/static/woff2-subset/*.woff2 for weights 400/500/700 (~2,780 Hangul syllables)"
  else
    echo "  FONT_MODE=dynamic: dist/web/static/woff2-dynamic-subset/*.woff2 for weights 400/500/700, Hanja-only chunks dropped"
    echo "  (all 11,172 Hangul syllables covered; browsers download only the unicode-range chunks a page uses)"
  fi
  echo "  fonts/pretendard-gov/pretendard-gov.css  <- generated @font-face rules, relative URLs"
  echo
  echo "leaflet@$LEAFLET_VERSION  ${INTEGRITY[leaflet]}"
  echo "  leaflet/{leaflet.js,leaflet.css,images/*.png}  <- dist/ (unmodified)"
  echo
  echo "leaflet.markercluster@$MARKERCLUSTER_VERSION  ${INTEGRITY[leaflet.markercluster]}"
  echo "  leaflet.markercluster/{leaflet.markercluster.js,MarkerCluster*.css}  <- dist/ (unmodified)"
  echo
  echo "axe-core@$AXE_VERSION  ${INTEGRITY[axe-core]}"
  echo "  axe-core/axe.min.js, axe-core/LICENSE (MPL-2.0)  <- package root (unmodified); loaded only by the browser tests"
  echo
  echo "geo/yeongdeungpo-dongs.geojson  <- scripts/yeongdeungpo_dongs.py (not npm; kept across runs of this script)"
  echo "  영등포구 18개 행정동 경계와 구 경계. 원자료: 통계청 센서스용 행정구역경계 2013 (통계지리정보서비스 SGIS, 출처 표시),"
  echo "  via southkorea/seoul-maps kostat/2013/json/seoul_{sub,}municipalities_topo.json @ dbb1dcde (Apache License 2.0)"
  echo
  echo "# sha256  path (relative to gamsa/static/vendor/)"
  (cd "$DEST" && find . -type f ! -name VERSIONS.txt -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum)
} > "$DEST/VERSIONS.txt"

echo "vendored into ${DEST#"$ROOT"/}: $(find "$DEST" -type f | wc -l) files, $(du -sh "$DEST" | cut -f1) total" >&2
