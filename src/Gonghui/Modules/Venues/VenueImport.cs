using Gonghui.Modules.Venues.Rules;
using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Venues;

/// <summary>
/// Imports venues from CSV or XLSX. Like the member import: every row is checked first and nothing is written when any
/// row is wrong, unless the caller asks to skip invalid rows; each problem names the row, the column and the reason.
/// </summary>
internal static class VenueImport
{
    // Key, accepted header names (first is the one used in the error report), required.
    internal static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("type", ["类型", "type"], true),
        ("name", ["名称", "name"], true),
        ("unit", ["单位代码", "unit", "unitCode"], false),
        ("address", ["地址", "address"], true),
        ("district", ["区县", "district", "districtCode"], true),
        ("lat", ["纬度", "lat", "latitude"], true),
        ("lng", ["经度", "lng", "longitude"], true),
        ("crs", ["坐标系", "crs"], false),
        ("hours", ["开放时间", "hours"], true),
        ("amenities", ["设施", "amenities"], false),
        ("capacity", ["容纳人数", "capacity"], false),
        ("phone", ["电话", "phone"], false),
        ("certification", ["认证级别", "certification"], false),
        ("publicArea", ["公共区域", "publicArea"], false),
        ("published", ["发布", "published"], false),
    ];

    private static readonly Dictionary<string, string> FieldToColumn = new()
    {
        ["type"] = "type", ["name"] = "name", ["address"] = "address", ["districtCode"] = "district", ["lat"] = "lat", ["lng"] = "lng",
        ["crs"] = "crs", ["hours"] = "hours", ["amenities"] = "amenities", ["capacity"] = "capacity", ["phone"] = "phone",
        ["certification"] = "certification", ["unitId"] = "unit",
    };

    private static string Header(string key) => Columns.First(c => c.Key == key).Names[0];

    public static async Task<VenueImportResult> RunAsync(Stream stream, string fileName, bool skipInvalid, GonghuiDb db, CurrentUser me,
        VenueIndex index, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var scope = await me.ScopePathAsync(ct);
        var units = await db.UnitRows().InScope(scope, u => u.Path).Select(u => new { u.Id, u.Code }).ToListAsync(ct);
        var unitByCode = units.ToDictionary(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase);
        var ownUnit = me.OrgUnitId is { } own && units.Any(u => u.Id == own) ? own : (Guid?)null;
        var now = clock.GetUtcNow();
        var venues = new List<Venue>();
        var badRows = new HashSet<int>();
        using (var file = TabularFile.Open(stream, fileName))
        {
            var map = new ColumnMap(file.Headers, Columns, errors);
            if (errors.Count > 0) return new VenueImportResult(0, 0, true, errors);
            foreach (var row in file.Rows())
            {
                ct.ThrowIfCancellationRequested();
                var rowErrors = new List<RowError>();
                void Bad(string key, string reason) => rowErrors.Add(new RowError(row.RowNumber, Header(key), reason));

                double? Number(string key)
                {
                    var s = map.Get(row, key);
                    if (s is null) return null;
                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
                    Bad(key, "venue.number.invalid");
                    return double.NaN;
                }
                bool? Flag(string key)
                {
                    var s = map.Get(row, key);
                    if (s is null) return null;
                    if (s is "是" or "1" or "Y" or "y" || s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase)) return true;
                    if (s is "否" or "0" or "N" or "n" || s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("no", StringComparison.OrdinalIgnoreCase)) return false;
                    Bad(key, "venue.flag.invalid");
                    return null;
                }

                Guid? unitId = ownUnit;
                var unitCode = map.Get(row, "unit");
                if (unitCode is not null)
                {
                    if (unitByCode.TryGetValue(unitCode, out var uid)) unitId = uid;
                    else Bad("unit", "venue.unit.outOfScope");
                }
                else if (unitId is null) Bad("unit", "venue.unit.outOfScope");

                var district = map.Get(row, "district");
                if (district is not null && !district.All(char.IsAsciiDigit))
                {
                    var d = BeijingDistricts.All.FirstOrDefault(x => x.Name == district || x.NameEn.Equals(district, StringComparison.OrdinalIgnoreCase) || x.Name.TrimEnd('区') == district);
                    district = d.Code ?? district;
                }
                string[]? amenities = null;
                var amenityText = map.Get(row, "amenities");
                if (amenityText is not null)
                {
                    var set = VenueRules.ParseAmenityList(amenityText);
                    if (set is null) Bad("amenities", "venue.amenity.unknown");
                    else amenities = VenueRules.AmenityNamesOf(set.Value);
                }
                int? capacity = null;
                var cap = map.Get(row, "capacity");
                if (cap is not null)
                {
                    if (int.TryParse(cap, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c)) capacity = c;
                    else Bad("capacity", "venue.number.invalid");
                }
                var input = new VenueInput(map.Get(row, "type"), Flag("publicArea"), map.Get(row, "name"), unitId, map.Get(row, "address"),
                    district, Number("lat"), Number("lng"), map.Get(row, "crs"), map.Get(row, "hours"), amenities, capacity,
                    map.Get(row, "phone"), map.Get(row, "certification"), Flag("published"));
                var (fields, codes) = VenueRules.Validate(input);
                foreach (var (field, code) in codes)
                {
                    var key = FieldToColumn.GetValueOrDefault(field, field);
                    if (!rowErrors.Any(e => e.Column == Header(key))) Bad(key, code);
                }
                if (rowErrors.Count > 0) { errors.AddRange(rowErrors); badRows.Add(row.RowNumber); continue; }
                venues.Add(Venue.Create(fields!, unitId!.Value, now));
            }
        }
        if (errors.Count > 0 && !skipInvalid) return new VenueImportResult(0, badRows.Count, true, errors);
        if (venues.Count > 0)
        {
            db.AddRange(venues);
            // Each venue is audited as created; one more entry records the file as a whole.
            await db.SaveChangesWithAuditAsync([AuditTrail.Custom(me.Name, "import", nameof(Venue), fileName, null,
                new { imported = venues.Count, skipped = badRows.Count }, now)], ct);
            index.UpsertMany(venues);
        }
        return new VenueImportResult(venues.Count, badRows.Count, false, errors);
    }
}
