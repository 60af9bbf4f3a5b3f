namespace Gonghui.Platform.Geo;

/// <summary>One hit of a nearest query: the item and its great-circle distance in metres.</summary>
public readonly record struct Nearby<T>(T Item, double DistanceMeters);

/// <summary>
/// An immutable spatial index of points on the sphere: a 3-D k-d tree over unit vectors, stored implicitly in arrays.
/// Straight-line (chord) distance between unit vectors is monotonic in great-circle distance, so nearest-k is exact
/// everywhere — across the 180° meridian and at the poles — with no special cases. Bounding-box queries turn the
/// lat/lng rectangle into the 3-D box that encloses it, walk the tree, and test candidates exactly.
/// </summary>
public sealed class SphereIndex<T>
{
    private readonly double[] _x, _y, _z, _lat, _lng;
    private readonly byte[] _axis;
    private readonly T[] _items;

    public int Count => _items.Length;
    public IReadOnlyList<T> Items => _items;

    public SphereIndex(IReadOnlyList<(double Lat, double Lng, T Item)> points)
    {
        var n = points.Count;
        var order = new int[n];
        var px = new double[n]; var py = new double[n]; var pz = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            (px[i], py[i], pz[i]) = GreatCircle.UnitVector(points[i].Lat, points[i].Lng);
        }
        _axis = new byte[n];
        Build(order, 0, n, px, py, pz);
        _x = new double[n]; _y = new double[n]; _z = new double[n]; _lat = new double[n]; _lng = new double[n]; _items = new T[n];
        for (var i = 0; i < n; i++)
        {
            var j = order[i];
            _x[i] = px[j]; _y[i] = py[j]; _z[i] = pz[j];
            _lat[i] = points[j].Lat; _lng[i] = points[j].Lng; _items[i] = points[j].Item;
        }
    }

    private void Build(int[] order, int lo, int hi, double[] px, double[] py, double[] pz)
    {
        while (hi - lo > 1)
        {
            // Split on the axis of widest spread, at the median.
            double minX = double.MaxValue, maxX = double.MinValue, minY = minX, maxY = maxX, minZ = minX, maxZ = maxX;
            for (var i = lo; i < hi; i++)
            {
                var j = order[i];
                if (px[j] < minX) minX = px[j]; if (px[j] > maxX) maxX = px[j];
                if (py[j] < minY) minY = py[j]; if (py[j] > maxY) maxY = py[j];
                if (pz[j] < minZ) minZ = pz[j]; if (pz[j] > maxZ) maxZ = pz[j];
            }
            double sx = maxX - minX, sy = maxY - minY, sz = maxZ - minZ;
            var axis = sx >= sy && sx >= sz ? 0 : sy >= sz ? 1 : 2;
            var coord = axis == 0 ? px : axis == 1 ? py : pz;
            var mid = (lo + hi) >> 1;
            Select(order, lo, hi - 1, mid, coord);
            _axis[mid] = (byte)axis;
            Build(order, lo, mid, px, py, pz);
            lo = mid + 1;
        }
    }

    // Quickselect: afterwards order[k] holds the k-th smallest by coord, smaller ones before it, larger after.
    private static void Select(int[] order, int left, int right, int k, double[] coord)
    {
        while (right > left)
        {
            var pivot = coord[order[(left + right) >> 1]];
            int i = left, j = right;
            while (i <= j)
            {
                while (coord[order[i]] < pivot) i++;
                while (coord[order[j]] > pivot) j--;
                if (i <= j) { (order[i], order[j]) = (order[j], order[i]); i++; j--; }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return;
        }
    }

    private double Coord(int i, int axis) => axis == 0 ? _x[i] : axis == 1 ? _y[i] : _z[i];

    /// <summary>The k nearest items that pass the filter, nearest first.</summary>
    public List<Nearby<T>> Nearest(double lat, double lng, int k, Func<T, bool>? filter = null)
    {
        var result = new List<Nearby<T>>(Math.Min(k, Count));
        if (k <= 0 || Count == 0) return result;
        var (qx, qy, qz) = GreatCircle.UnitVector(lat, lng);
        var best = new Best(k);
        Search(0, Count, qx, qy, qz, best, filter);
        for (var i = 0; i < best.Count; i++) result.Add(new Nearby<T>(_items[best.Index[i]], GreatCircle.ChordSquaredToMeters(best.D2[i])));
        return result;
    }

    private sealed class Best(int k)
    {
        public readonly int[] Index = new int[k];
        public readonly double[] D2 = new double[k];
        public int Count;
        public double Worst => Count < Index.Length ? double.MaxValue : D2[Count - 1];

        public void Add(int index, double d2)
        {
            var pos = Count < Index.Length ? Count++ : Count - 1;
            while (pos > 0 && D2[pos - 1] > d2) { Index[pos] = Index[pos - 1]; D2[pos] = D2[pos - 1]; pos--; }
            Index[pos] = index; D2[pos] = d2;
        }
    }

    private void Search(int lo, int hi, double qx, double qy, double qz, Best best, Func<T, bool>? filter)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            double dx = _x[mid] - qx, dy = _y[mid] - qy, dz = _z[mid] - qz;
            var d2 = dx * dx + dy * dy + dz * dz;
            if (d2 < best.Worst && (filter is null || filter(_items[mid]))) best.Add(mid, d2);
            var axis = _axis[mid];
            var diff = (axis == 0 ? qx : axis == 1 ? qy : qz) - Coord(mid, axis);
            if (diff < 0)
            {
                Search(lo, mid, qx, qy, qz, best, filter);
                if (diff * diff >= best.Worst) return;
                lo = mid + 1;
            }
            else
            {
                Search(mid + 1, hi, qx, qy, qz, best, filter);
                if (diff * diff >= best.Worst) return;
                hi = mid;
            }
        }
    }

    /// <summary>
    /// Items inside a lat/lng box. When minLng &gt; maxLng the box crosses the 180° meridian (as in RFC 7946).
    /// At most <paramref name="limit"/> items are returned.
    /// </summary>
    public List<T> InBox(double minLat, double minLng, double maxLat, double maxLng, Func<T, bool>? filter = null, int limit = int.MaxValue)
    {
        var result = new List<T>();
        if (Count == 0 || minLat > maxLat) return result;
        if (minLng > maxLng)
        {
            Box(minLat, minLng, maxLat, 180, filter, limit, result);
            Box(minLat, -180, maxLat, maxLng, filter, limit, result);
        }
        else Box(minLat, minLng, maxLat, maxLng, filter, limit, result);
        return result;
    }

    private void Box(double minLat, double minLng, double maxLat, double maxLng, Func<T, bool>? filter, int limit, List<T> result)
    {
        const double eps = 1e-9;
        static double R(double deg) => deg * Math.PI / 180;
        // Range of cos(lat) and of cos/sin(lng) over the rectangle; x and y are products of them, so their
        // extremes lie at the corners of that product box.
        double cl1 = Math.Cos(R(minLat)), cl2 = Math.Cos(R(maxLat));
        var cosLatMin = Math.Min(cl1, cl2);
        var cosLatMax = minLat <= 0 && maxLat >= 0 ? 1 : Math.Max(cl1, cl2);
        var (cMin, cMax) = Range(Math.Cos(R(minLng)), Math.Cos(R(maxLng)), minLng <= 0 && maxLng >= 0 ? 1 : null, null);
        var (sMin, sMax) = Range(Math.Sin(R(minLng)), Math.Sin(R(maxLng)), minLng <= 90 && maxLng >= 90 ? 1 : null, minLng <= -90 && maxLng >= -90 ? -1 : null);
        var (xMin, xMax) = Product(cosLatMin, cosLatMax, cMin, cMax);
        var (yMin, yMax) = Product(cosLatMin, cosLatMax, sMin, sMax);
        double zMin = Math.Sin(R(minLat)), zMax = Math.Sin(R(maxLat));
        var lo = new[] { xMin - eps, yMin - eps, zMin - eps };
        var hi = new[] { xMax + eps, yMax + eps, zMax + eps };
        Walk(0, Count, lo, hi, minLat, minLng, maxLat, maxLng, filter, limit, result);
    }

    private static (double, double) Range(double a, double b, double? alsoMax, double? alsoMin) =>
        (alsoMin ?? Math.Min(a, b), alsoMax ?? Math.Max(a, b));

    private static (double, double) Product(double a1, double a2, double b1, double b2)
    {
        double p1 = a1 * b1, p2 = a1 * b2, p3 = a2 * b1, p4 = a2 * b2;
        return (Math.Min(Math.Min(p1, p2), Math.Min(p3, p4)), Math.Max(Math.Max(p1, p2), Math.Max(p3, p4)));
    }

    private void Walk(int lo, int hi, double[] bl, double[] bh, double minLat, double minLng, double maxLat, double maxLng,
        Func<T, bool>? filter, int limit, List<T> result)
    {
        while (lo < hi && result.Count < limit)
        {
            var mid = (lo + hi) >> 1;
            if (_lat[mid] >= minLat && _lat[mid] <= maxLat && _lng[mid] >= minLng && _lng[mid] <= maxLng
                && (filter is null || filter(_items[mid])))
                result.Add(_items[mid]);
            var axis = _axis[mid];
            var c = Coord(mid, axis);
            var goLeft = bl[axis] <= c;
            var goRight = bh[axis] >= c;
            if (goLeft && goRight) { Walk(lo, mid, bl, bh, minLat, minLng, maxLat, maxLng, filter, limit, result); lo = mid + 1; }
            else if (goLeft) hi = mid;
            else if (goRight) lo = mid + 1;
            else return;
        }
    }
}
