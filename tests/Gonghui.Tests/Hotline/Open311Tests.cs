using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Hotline;

/// <summary>Open311 GeoReport v2: every endpoint's JSON and XML shape against the specification's field list, and its error format.</summary>
public abstract class Open311Tests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Key = "demo-open311-key";

    // GeoReport v2 field lists (GET Service List; GET Service Requests / GET Service Request; POST Service Request response).
    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];
    private static readonly string[] PostFields = ["service_request_id", "service_notice", "account_id"];

    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private async Task<string> PostAsync(string description)
    {
        var res = await app.CreateClient().PostAsync("/open311/v2/requests.json", Form(("api_key", Key), ("service_code", "labor-dispute"),
            ("lat", "39.9289"), ("long", "116.4160"), ("address_string", "东城区东直门南大街"), ("description", description),
            ("first_name", "师傅"), ("last_name", "王"), ("phone", "13911112222"), ("email", "w@example.com")));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var arr = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Array, arr.ValueKind);
        var item = arr[0];
        Assert.Equal(PostFields.Order(), item.EnumerateObject().Select(p => p.Name).Order());
        return item.GetProperty("service_request_id").GetString()!;
    }

    [Fact]
    public async Task Discovery_lists_the_v2_endpoint_and_formats()
    {
        var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/open311/v2/discovery.json")).RootElement;
        Assert.True(doc.TryGetProperty("changeset", out _));
        Assert.True(doc.TryGetProperty("contact", out _));
        var ep = doc.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", ep.GetProperty("specification").GetString());
        Assert.Contains("application/json", ep.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        var xml = XDocument.Parse(await app.CreateClient().GetStringAsync("/open311/v2/discovery.xml"));
        Assert.Equal("discovery", xml.Root!.Name.LocalName);
        Assert.NotNull(xml.Root.Element("endpoints")!.Element("endpoint")!.Element("specification"));
    }

    [Fact]
    public async Task Services_in_json_and_xml_carry_the_spec_fields()
    {
        var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/open311/v2/services.json")).RootElement;
        Assert.True(json.GetArrayLength() >= 10);
        foreach (var s in json.EnumerateArray())
        {
            Assert.Equal(ServiceFields.Order(), s.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("realtime", s.GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.False, s.GetProperty("metadata").ValueKind);
        }
        Assert.Contains(json.EnumerateArray(), s => s.GetProperty("service_code").GetString() == "labor-dispute");
        var res = await app.CreateClient().GetAsync("/open311/v2/services.xml");
        Assert.Equal("text/xml", res.Content.Headers.ContentType!.MediaType);
        var xml = XDocument.Parse(await res.Content.ReadAsStringAsync());
        Assert.Equal("services", xml.Root!.Name.LocalName);
        var first = xml.Root.Elements("service").First();
        Assert.Equal(ServiceFields.Order(), first.Elements().Select(e => e.Name.LocalName).Order());
        Assert.Equal("false", first.Element("metadata")!.Value);
    }

    [Fact]
    public async Task Post_then_get_one_and_list_with_filters()
    {
        var id = await PostAsync("Open311 欠薪 " + Guid.NewGuid().ToString("N")[..6]);
        var one = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/open311/v2/requests/{id}.json")).RootElement;
        Assert.Equal(1, one.GetArrayLength());
        var r = one[0];
        Assert.Equal(RequestFields, r.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(id, r.GetProperty("service_request_id").GetString());
        Assert.Equal("open", r.GetProperty("status").GetString());
        Assert.Equal("labor-dispute", r.GetProperty("service_code").GetString());
        Assert.Equal(39.9289, r.GetProperty("lat").GetDouble());
        Assert.Equal(116.416, r.GetProperty("long").GetDouble());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$", r.GetProperty("requested_datetime").GetString());
        Assert.DoesNotContain("13911112222", one.ToString());

        var xml = XDocument.Parse(await app.CreateClient().GetStringAsync($"/open311/v2/requests/{id}.xml"));
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        Assert.Equal(RequestFields, xml.Root.Element("request")!.Elements().Select(e => e.Name.LocalName).ToArray());

        var byId = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/open311/v2/requests.json?service_request_id={id}")).RootElement;
        Assert.Equal(id, byId[0].GetProperty("service_request_id").GetString());
        var open = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/open311/v2/requests.json?status=open&service_code=labor-dispute")).RootElement;
        Assert.Contains(open.EnumerateArray(), x => x.GetProperty("service_request_id").GetString() == id);
        Assert.All(open.EnumerateArray(), x => Assert.Equal("open", x.GetProperty("status").GetString()));
        var closed = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/open311/v2/requests.json?status=closed")).RootElement;
        Assert.DoesNotContain(closed.EnumerateArray(), x => x.GetProperty("service_request_id").GetString() == id);
        var old = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/open311/v2/requests.json?start_date=2019-01-01T00:00:00Z&end_date=2019-02-01T00:00:00Z")).RootElement;
        Assert.Equal(0, old.GetArrayLength());
    }

    private static async Task AssertError(HttpResponseMessage res, int code)
    {
        Assert.Equal(code, (int)res.StatusCode);
        var arr = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        var e = arr[0];
        Assert.Equal(["code", "description"], e.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(code, e.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(e.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Errors_follow_the_spec_format()
    {
        var c = app.CreateClient();
        await AssertError(await c.PostAsync("/open311/v2/requests.json", Form(("service_code", "labor-dispute"), ("lat", "39.9"), ("long", "116.4"))), 403);
        await AssertError(await c.PostAsync("/open311/v2/requests.json", Form(("api_key", "wrong"), ("service_code", "labor-dispute"), ("lat", "39.9"), ("long", "116.4"))), 403);
        await AssertError(await c.PostAsync("/open311/v2/requests.json", Form(("api_key", Key), ("lat", "39.9"), ("long", "116.4"))), 400);
        await AssertError(await c.PostAsync("/open311/v2/requests.json", Form(("api_key", Key), ("service_code", "nope"), ("lat", "39.9"), ("long", "116.4"))), 404);
        await AssertError(await c.PostAsync("/open311/v2/requests.json", Form(("api_key", Key), ("service_code", "other"), ("description", "no place"))), 400);
        await AssertError(await c.PostAsync("/open311/v2/requests.json", Form(("api_key", Key), ("service_code", "other"), ("lat", "x"), ("long", "116.4"))), 400);
        await AssertError(await c.GetAsync("/open311/v2/requests/NOSUCH.json"), 404);
        await AssertError(await c.GetAsync("/open311/v2/requests.json?status=pending"), 400);
        var xmlErr = await c.GetAsync("/open311/v2/requests/NOSUCH.xml");
        Assert.Equal(HttpStatusCode.NotFound, xmlErr.StatusCode);
        var x = XDocument.Parse(await xmlErr.Content.ReadAsStringAsync());
        Assert.Equal("errors", x.Root!.Name.LocalName);
        Assert.Equal("404", x.Root.Element("error")!.Element("code")!.Value);
    }
}

public sealed class Open311Tests_Sqlite(SqliteApp app) : Open311Tests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class Open311Tests_Postgres(PostgresApp app) : Open311Tests<PostgresApp>(app), IClassFixture<PostgresApp>;
