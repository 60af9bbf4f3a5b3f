using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Modules.Jobs.Applications;
using Gonghui.Modules.Jobs.Posts;
using Gonghui.Modules.Jobs.Search;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Jobs;

/// <summary>Jobs over HTTP on each provider: posting and review, the public search, JSON-LD and the feed, bad input, applications and placements.</summary>
public abstract partial class JobsApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/jobs";

    private sealed record EmployerDto(Guid Id, string Name, string CreditCode, string DistrictCode, string ScopePath);

    private async Task<EmployerDto> EmployerAsync(HttpClient c)
    {
        var list = await c.GetJsonAsync<List<EmployerDto>>($"{Base}/employers");
        Assert.NotNull(list);
        Assert.NotEmpty(list!);
        return list![0];
    }

    private static object NewPost(Guid employerId, string title = "电焊工（长期）", string code = "6-18-02-04", object? salary = null, int headcount = 3,
        double lat = 39.9088, double lng = 116.4574, string district = "110105", string? validThrough = null) => new
    {
        employerId, title, description = "钢结构焊接，持证上岗，五险一金。", occupationCode = code, employmentType = "FullTime",
        baseSalary = salary ?? new { minFen = 800_000L, maxFen = 1_200_000L }, headcount, districtCode = district, address = "北京市朝阳区建国路88号",
        lat, lng, validThrough = validThrough ?? DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"),
    };

    /// <summary>Drafted by district staff and published by the federation (a reviewer may not review their own post).</summary>
    private async Task<PostDto> PublishedAsync(object body)
    {
        var gr = await app.ClientAsync("dongcheng");
        var res = await gr.PostJsonAsync($"{Base}/posts", body);
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var post = (await res.ReadJsonAsync<PostDto>())!;
        Assert.Equal(PostStatus.Pending, post.Status);
        var admin = await app.ClientAsync("admin");
        res = await admin.PostJsonAsync($"{Base}/posts/{post.Id}/review", new { approve = true });
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<PostDto>())!;
    }

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage res)
    {
        Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
    }

    private Task<int> PostCountAsync() => app.WithDbAsync(db => db.Set<JobPost>().CountAsync());

    [Fact]
    public async Task A_post_is_reviewed_then_found_by_occupation_group_district_salary_and_distance()
    {
        var gr = await app.ClientAsync("dongcheng");
        var employer = await EmployerAsync(gr);
        var post = await PublishedAsync(NewPost(employer.Id, title: "搜索测试焊工"));
        Assert.Equal(PostStatus.Published, post.Status);
        Assert.Equal("焊工", post.OccupationName);
        Assert.Equal("admin", post.ReviewedBy);

        var anon = app.CreateClient();
        async Task<List<PostCard>> Find(string query) =>
            (await anon.GetJsonAsync<Slice<PostCard>>($"{Base}/search?{query}&q={Uri.EscapeDataString("搜索测试焊工")}"))!.Items.ToList();
        Assert.Single(await Find("occupation=6-18"));          // the medium group: a prefix of the code
        Assert.Single(await Find("occupation=6-18-02"));
        Assert.Single(await Find("occupation=6"));
        Assert.Empty(await Find("occupation=4-03"));
        Assert.Single(await Find("district=110105"));
        Assert.Empty(await Find("district=110101"));
        Assert.Single(await Find("salaryFen=1200000"));         // the range reaches 12,000 yuan
        Assert.Empty(await Find("salaryFen=1200100"));
        var near = Assert.Single(await Find("lat=39.9088&lng=116.4474&radiusKm=1.5")); // ~850 m west
        Assert.InRange(near.DistanceMeters!.Value, 800, 900);
        Assert.Empty(await Find("lat=39.9088&lng=116.4474&radiusKm=0.5"));

        // Keywords go through the bigram index, and the substring still decides: every term of "焊工搜索" is held by the post, the text is not.
        async Task<List<Guid>> Keyword(string q) =>
            (await anon.GetJsonAsync<Slice<PostCard>>($"{Base}/search?q={Uri.EscapeDataString(q)}&limit=100"))!.Items.Select(c => c.Post.Id).ToList();
        Assert.True(await app.WithDbAsync(db => db.Set<Gonghui.Modules.Jobs.Search.JobPostTerm>().CountAsync(t => t.PostId == post.Id && t.Term == "试焊")) == 1);
        Assert.Contains(post.Id, await Keyword("测试焊"));
        Assert.DoesNotContain(post.Id, await Keyword("焊工搜索"));
        Assert.Contains(post.Id, await Keyword(employer.Name));   // the employer's name is indexed too
    }

    [Fact]
    public async Task A_keyword_walks_its_rarest_term_newest_first_and_pages_as_the_posts_order_does()
    {
        var employer = await EmployerAsync(await app.ClientAsync("dongcheng"));
        var tag = "走查" + Guid.NewGuid().ToString("N")[..4];
        var posts = new List<PostDto>();
        for (var i = 0; i < 3; i++) posts.Add(await PublishedAsync(NewPost(employer.Id, title: $"{tag}焊工{i}")));
        var anon = app.CreateClient();
        async Task<Slice<PostCard>> Find(string query) => (await anon.GetJsonAsync<Slice<PostCard>>($"{Base}/search?{query}"))!;
        var listed = await Find($"q={Uri.EscapeDataString(tag)}&limit=10");
        Assert.Equal(posts.Select(p => p.Id).Reverse(), listed.Items.Select(c => c.Post.Id));
        var first = await Find($"q={Uri.EscapeDataString(tag)}&limit=2");
        Assert.Equal(posts.Select(p => p.Id).Reverse().Take(2), first.Items.Select(c => c.Post.Id));
        Assert.Equal(3, first.TotalEstimate);
        Assert.NotNull(first.Next);
        var second = await Find($"q={Uri.EscapeDataString(tag)}&limit=2&after={Uri.EscapeDataString(first.Next!)}");
        Assert.Equal(new[] { posts[0].Id }, second.Items.Select(c => c.Post.Id));
        Assert.Null(second.Next);
        // The filters and the substring still decide on the walk: another district, a text the titles do not hold.
        Assert.Empty((await Find($"q={Uri.EscapeDataString(tag)}&district=110101")).Items);
        Assert.Empty((await Find($"q={Uri.EscapeDataString(tag + "电工")}")).Items);
        Assert.Equal(new[] { posts[1].Id }, (await Find($"q={Uri.EscapeDataString(tag + "焊工1")}")).Items.Select(c => c.Post.Id));
        // A two-character keyword walks its one term (no count); a longer one walks its rarest term and probes the others:
        // 焊工1 walks 工1 (held by one post here), not 焊工 (held by these three and the other tests' welders).
        await app.WithScopeAsync(async sp =>
        {
            var search = sp.GetRequiredService<JobSearch>();
            Assert.Equal("焊工", (await search.FilteredAsync(new SearchFilter(Q: "焊工"), default)).Walk);
            Assert.Null((await search.FilteredAsync(new SearchFilter(Q: "焊"), default)).Walk);
            Assert.Equal("工1", (await search.FilteredAsync(new SearchFilter(Q: "焊工1"), default)).Walk);
            // A keyword that is one whole term is answered by the term alone; a longer one keeps the substring test.
            static bool Substring(string sql) => sql.Contains("instr(", StringComparison.Ordinal) || sql.Contains(" LIKE ", StringComparison.Ordinal);
            Assert.False(Substring((await search.FilteredAsync(new SearchFilter(Q: " 焊工 "), default)).Query.ToQueryString()));
            Assert.True(Substring((await search.FilteredAsync(new SearchFilter(Q: "焊工1"), default)).Query.ToQueryString()));
            Assert.True(Substring((await search.FilteredAsync(new SearchFilter(Q: "焊"), default)).Query.ToQueryString()));
        });
        Assert.Equal(posts.Select(p => p.Id).Reverse(), (await Find($"q={Uri.EscapeDataString(tag[..2])}")).Items.Select(c => c.Post.Id));
        // A term is written with the post's datePosted when review publishes it (not when it is drafted).
        var stored = await app.WithDbAsync(db => db.Set<JobPostTerm>().Where(t => t.PostId == posts[2].Id && t.Term == "焊工").Select(t => t.PostedAt).SingleAsync());
        var postedAt = await app.WithDbAsync(db => db.Set<JobPost>().Where(p => p.Id == posts[2].Id).Select(p => p.PostedAt).SingleAsync());
        Assert.Equal(postedAt, stored);
    }

    [Fact]
    public async Task A_search_finds_what_a_brute_force_filter_over_the_open_posts_finds_at_the_edges_of_the_radius_and_its_box()
    {
        var employer = await EmployerAsync(await app.ClientAsync("dongcheng"));
        // A point between the demo's district centres and 3 km: posts just inside and just outside the circle due north, south, east
        // and west (the box's edges), on the diagonal, and near the box's corner (inside the box, outside the circle); two districts,
        // two major groups, two salaries, one keyword, so the radius and the keyword's walk meet the other filters.
        const double lat0 = 40.03, lng0 = 116.50, km = 3;
        var (dLat, dLng, scale) = Gonghui.Modules.Jobs.Rules.PostRules.Box(lat0, km * 1000);
        var diagonal = Math.Sqrt(0.5);
        (string Name, double Lat, double Lng, bool Inside)[] places =
        [
            ("north, just inside", lat0 + dLat * 0.99, lng0, true), ("north, just outside", lat0 + dLat * 1.01, lng0, false),
            ("south, just inside", lat0 - dLat * 0.99, lng0, true), ("south, just outside", lat0 - dLat * 1.01, lng0, false),
            ("east, just inside", lat0, lng0 + dLng * 0.99, true), ("east, just outside", lat0, lng0 + dLng * 1.01, false),
            ("west, just inside", lat0, lng0 - dLng * 0.99, true), ("west, just outside", lat0, lng0 - dLng * 1.01, false),
            ("diagonal, just inside", lat0 + dLat * 0.99 * diagonal, lng0 + dLng * 0.99 * diagonal, true),
            ("diagonal, just outside", lat0 - dLat * 1.01 * diagonal, lng0 - dLng * 1.01 * diagonal, false),
            ("near the box corner", lat0 + dLat * 0.95, lng0 - dLng * 0.95, false), ("at the point", lat0, lng0, true),
        ];
        var tag = "边界" + Guid.NewGuid().ToString("N")[..4];
        var ids = new List<Guid>();
        for (var i = 0; i < places.Length; i++)
            ids.Add((await PublishedAsync(NewPost(employer.Id, title: $"{tag}岗位{i}", code: i % 2 == 0 ? "6-18-02-04" : "4-03-02-01",
                salary: new { minFen = 800_000L, maxFen = i % 3 == 0 ? 1_600_000L : 1_200_000L }, lat: places[i].Lat, lng: places[i].Lng,
                district: i % 4 < 2 ? "110105" : "110101"))).Id);

        var anon = app.CreateClient();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var at = $"lat={lat0.ToString(inv)}&lng={lng0.ToString(inv)}&radiusKm={km.ToString(inv)}";
        async Task<List<PostCard>> All(string query) =>
            await KeysetPaging.WalkAsync<PostCard>(anon, $"{Base}/search?{query}", c => c.Post.Id, limit: 3, inOrder: (a, b) => a.Post.DatePosted >= b.Post.DatePosted);

        var near = await All(at);
        for (var i = 0; i < places.Length; i++)
            Assert.True(places[i].Inside == near.Any(c => c.Post.Id == ids[i]), $"{places[i].Name}: {(places[i].Inside ? "not found" : "found")}");
        Assert.All(near, c => Assert.InRange(c.DistanceMeters!.Value, 0, km * 1000));
        Assert.Contains(near, c => c.Post.Id == ids[0] && c.DistanceMeters > km * 1000 * 0.98);

        // Every search equals the same filter applied by hand to every open post (the search's own definition of the distance:
        // the equirectangular one, within 0.5 % of the great circle), as a set and newest first.
        var today = DateOnly.MinValue;
        await app.WithScopeAsync(sp => { today = sp.GetRequiredService<JobSearch>().Today; return Task.CompletedTask; });
        var open = await app.WithDbAsync(db => db.Set<JobPost>().AsNoTracking().Where(p => p.Status == PostStatus.Published).ToListAsync());
        open = open.Where(p => p.ValidThrough >= today).ToList();
        bool Within(JobPost p) => (p.Lat - lat0) * (p.Lat - lat0) + (p.Lng - lng0) * scale * ((p.Lng - lng0) * scale) <= dLat * dLat;
        bool Holds(JobPost p, string q) => p.Title.Contains(q, StringComparison.Ordinal) || p.EmployerName.Contains(q, StringComparison.Ordinal);
        var cases = new (string Query, Func<JobPost, bool> Filter)[]
        {
            (at, Within),
            ($"{at}&occupation=4&salaryFen=1300000", p => Within(p) && p.OccupationMajor == "4" && p.SalaryMaxFen >= 1_300_000),
            ($"{at}&district=110101", p => Within(p) && p.DistrictCode == "110101"),
            ($"{at}&salaryFen=1600000&occupation=6-18", p => Within(p) && p.SalaryMaxFen >= 1_600_000 && p.OccupationMedium == "6-18"),
            ($"q={Uri.EscapeDataString(tag)}", p => Holds(p, tag)),
            ($"q={Uri.EscapeDataString(tag)}&district=110105", p => Holds(p, tag) && p.DistrictCode == "110105"),
            ($"q={Uri.EscapeDataString(tag[..2])}&district=110101", p => Holds(p, tag[..2]) && p.DistrictCode == "110101"), // one term, walked by district
            ($"q={Uri.EscapeDataString("焊工")}&district=110101", p => Holds(p, "焊工") && p.DistrictCode == "110101"),
            ($"q={Uri.EscapeDataString(tag)}&district=110101&{at}", p => Holds(p, tag) && p.DistrictCode == "110101" && Within(p)),
        };
        var postedAt = open.ToDictionary(p => p.Id, p => p.PostedAt);
        foreach (var (query, filter) in cases)
        {
            var found = (await All(query)).Select(c => c.Post.Id).ToList();
            var expected = open.Where(filter).Select(p => p.Id).ToList();
            Assert.True(expected.Order().SequenceEqual(found.Order()),
                $"{query}: expected {expected.Count} posts, found {found.Count} ({found.Except(expected).Count()} not expected, {expected.Except(found).Count()} missing)");
            Assert.True(found.Zip(found.Skip(1)).All(x => postedAt[x.First] >= postedAt[x.Second]), $"{query}: not newest first");
        }
        // The cases are not empty by accident: the keyword's district filter has posts on both sides.
        Assert.Equal(6, open.Count(p => Holds(p, tag) && p.DistrictCode == "110105"));
        Assert.Equal(6, open.Count(p => Holds(p, tag) && p.DistrictCode == "110101"));
    }

    [Fact]
    public async Task The_public_page_carries_JobPosting_JSON_LD_and_the_feed_lists_open_posts()
    {
        var gr = await app.ClientAsync("dongcheng");
        var post = await PublishedAsync(NewPost((await EmployerAsync(gr)).Id, title: "JSON-LD测试岗位"));
        var anon = app.CreateClient();
        var html = await anon.GetStringAsync($"/jobs/{post.Id}");
        var m = LdScript().Match(html);
        Assert.True(m.Success, "no application/ld+json script on the page");
        var ld = JsonDocument.Parse(WebUtility.HtmlDecode(m.Groups["json"].Value)).RootElement;
        Assert.Equal("JobPosting", ld.GetProperty("@type").GetString());
        foreach (var required in new[] { "title", "description", "datePosted", "hiringOrganization", "jobLocation", "validThrough", "baseSalary", "employmentType" })
            Assert.True(ld.TryGetProperty(required, out var v) && v.ValueKind != JsonValueKind.Null, $"JSON-LD lacks {required}");
        Assert.Equal("JSON-LD测试岗位", ld.GetProperty("title").GetString());
        Assert.Equal(post.EmployerName, ld.GetProperty("hiringOrganization").GetProperty("name").GetString());
        Assert.Equal(8000m, ld.GetProperty("baseSalary").GetProperty("value").GetProperty("minValue").GetDecimal());
        Assert.True(ld.GetProperty("jobLocation").GetProperty("geo").GetProperty("latitude").GetDouble() > 39);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", ld.GetProperty("datePosted").GetString());

        var feed = JsonDocument.Parse(await anon.GetStringAsync($"{Base}/feed?limit=200")).RootElement;
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("JobPosting", i.GetProperty("@type").GetString()));
        Assert.Contains(items, i => i.GetProperty("title").GetString() == "JSON-LD测试岗位");

        // A pending post has no public page.
        var pending = await gr.PostJsonAsync($"{Base}/posts", NewPost((await EmployerAsync(gr)).Id, title: "未审核岗位"));
        var id = (await pending.ReadJsonAsync<PostDto>())!.Id;
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"{Base}/public/{id}")).StatusCode);
        Assert.DoesNotContain("application/ld+json", await (await anon.GetAsync($"/jobs/{id}")).Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex LdScript();

    [Fact]
    public async Task A_post_without_a_salary_range_or_with_an_unknown_occupation_is_a_400_naming_the_field_and_nothing_is_written()
    {
        var gr = await app.ClientAsync("dongcheng");
        var employer = await EmployerAsync(gr);
        var before = await PostCountAsync();
        var res = await gr.PostAsync($"{Base}/posts", new StringContent(JsonSerializer.Serialize(new
        {
            employerId = employer.Id, title = "无薪资岗位", description = "x", occupationCode = "6-18-02-04", employmentType = "FullTime", headcount = 1,
            districtCode = "110105", address = "某路1号", lat = 39.9, lng = 116.4, validThrough = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"),
        }), System.Text.Encoding.UTF8, "application/json"));
        var errors = await ErrorsOf(res);
        Assert.Contains("月薪范围", errors.GetProperty("baseSalary")[0].GetString());

        errors = await ErrorsOf(await gr.PostJsonAsync($"{Base}/posts", NewPost(employer.Id, code: "6-99-99-98")));
        Assert.Contains("职业分类大典", errors.GetProperty("occupationCode")[0].GetString());
        errors = await ErrorsOf(await gr.PostJsonAsync($"{Base}/posts", NewPost(employer.Id, salary: new { minFen = 900_000L, maxFen = 800_000L })));
        Assert.True(errors.TryGetProperty("baseSalary.maxFen", out _));
        errors = await ErrorsOf(await gr.PostJsonAsync($"{Base}/posts", NewPost(Guid.NewGuid())));
        Assert.True(errors.TryGetProperty("employerId", out _));
        Assert.Equal(before, await PostCountAsync());

        var anon = app.CreateClient();
        errors = await ErrorsOf(await anon.GetAsync($"{Base}/search?occupation=9-99"));
        Assert.True(errors.TryGetProperty("occupation", out _));
        errors = await ErrorsOf(await anon.GetAsync($"{Base}/search?radiusKm=5"));
        Assert.True(errors.TryGetProperty("lat", out _));
        await KeysetPaging.BadInputIs400Async(anon, $"{Base}/search");
    }

    [Fact]
    public async Task Search_pages_by_keyset_over_open_posts_newest_first()
    {
        var anon = app.CreateClient();
        var all = await KeysetPaging.WalkAsync<PostCard>(anon, $"{Base}/search", c => c.Post.Id, limit: 7,
            inOrder: (a, b) => a.Post.DatePosted >= b.Post.DatePosted);
        Assert.NotEmpty(all);
        Assert.All(all, c => Assert.True(c.Post.IsOpen));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.All(all, c => Assert.True(c.Post.ValidThrough >= today.AddDays(-1)));
    }

    [Fact]
    public async Task A_second_application_is_a_400_naming_the_post_and_the_worker_sees_their_application()
    {
        var gr = await app.ClientAsync("dongcheng");
        var post = await PublishedAsync(NewPost((await EmployerAsync(gr)).Id, title: "申请测试岗位"));
        var worker = await app.ClientAsync("worker");
        var res = await worker.PostJsonAsync($"{Base}/{post.Id}/apply", new { note = "有焊工证" });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var errors = await ErrorsOf(await worker.PostJsonAsync($"{Base}/{post.Id}/apply", new { note = "再申请" }));
        Assert.Contains("已经申请", errors.GetProperty("postId")[0].GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<JobApplication>().CountAsync(a => a.PostId == post.Id)));

        var mine = await worker.GetJsonAsync<Slice<MyApplication>>($"{Base}/mine/applications");
        Assert.Contains(mine!.Items, a => a.PostId == post.Id && a.Title == "申请测试岗位");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostJsonAsync($"{Base}/{post.Id}/apply", new { })).StatusCode);
    }

    [Fact]
    public async Task Concurrent_placements_never_overfill_a_post_the_last_place_closes_it_and_a_person_is_placed_once()
    {
        var gr = await app.ClientAsync("dongcheng");
        var employer = await EmployerAsync(gr);
        var post = await PublishedAsync(NewPost(employer.Id, title: "录用并发测试", headcount: 2));
        var other = await PublishedAsync(NewPost(employer.Id, title: "录用重复测试", headcount: 5));
        // Six applicants from the registry, applied directly (the worker account is one member).
        var members = await app.WithDbAsync(db => db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Name }).Take(6).ToListAsync());
        var apps = members.Select(m => JobApplication.Apply(post.Id, employer.ScopePath, m.Id, m.Name, null, DateTimeOffset.UtcNow)).ToList();
        var again = JobApplication.Apply(other.Id, employer.ScopePath, members[0].Id, members[0].Name, null, DateTimeOffset.UtcNow);
        await app.WithDbAsync(async db => { db.AddRange(apps); db.Add(again); return await db.SaveChangesAsync(); });

        var dc = await app.ClientAsync("dongcheng");
        var results = await Task.WhenAll(apps.Select(a => dc.PostAsync($"{Base}/applications/{a.Id}/place", null)));
        var bodies = await Task.WhenAll(results.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Equal(2, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var after = (await dc.GetJsonAsync<PostDto>($"{Base}/posts/{post.Id}"))!;
        Assert.Equal((2, PostStatus.Filled), (after.Filled, after.Status));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<JobPlacement>().CountAsync(p => p.PostId == post.Id)));
        Assert.Contains(bodies, b => b.Contains("已招满"));

        // Whoever was placed cannot be placed again elsewhere: counted once.
        var placed = await app.WithDbAsync(db => db.Set<JobPlacement>().Where(p => p.PostId == post.Id).Select(p => p.MemberId).ToListAsync());
        var second = JobApplication.Apply(other.Id, employer.ScopePath, placed[0], "已录用者", null, DateTimeOffset.UtcNow);
        if (placed[0] != members[0].Id) await app.WithDbAsync(async db => { db.Add(second); return await db.SaveChangesAsync(); });
        var id = placed[0] == members[0].Id ? again.Id : second.Id;
        var res = await dc.PostAsync($"{Base}/applications/{id}/place", null);
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Contains("不能重复录用", await res.Content.ReadAsStringAsync());
        Assert.Equal(0, (await dc.GetJsonAsync<PostDto>($"{Base}/posts/{other.Id}"))!.Filled);

        // A filled post takes no applications.
        var worker = await app.ClientAsync("worker");
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"{Base}/{post.Id}/apply", new { })).StatusCode);
    }

    [Fact]
    public async Task Staff_lists_are_keyset_sliced_and_the_review_queue_refuses_a_reviewer_of_their_own_post()
    {
        var dc = await app.ClientAsync("dongcheng");
        var employer = await EmployerAsync(dc);
        var res = await dc.PostJsonAsync($"{Base}/posts", NewPost(employer.Id, title: "区总自己提交的岗位"));
        var own = (await res.ReadJsonAsync<PostDto>())!;
        res = await dc.PostJsonAsync($"{Base}/posts/{own.Id}/review", new { approve = true });
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        var errors = await ErrorsOf(await dc.PostJsonAsync($"{Base}/posts/{own.Id}/review", new { approve = false }));
        Assert.True(errors.TryGetProperty("note", out _));
        var queue = await KeysetPaging.WalkAsync<PostDto>(dc, $"{Base}/review-queue", p => p.Id, limit: 2);
        Assert.Contains(queue, p => p.Id == own.Id);
        Assert.All(queue, p => Assert.Equal(PostStatus.Pending, p.Status));
        await KeysetPaging.WalkAsync<PostDto>(dc, $"{Base}/posts?status=Published", p => p.Id, limit: 10, inOrder: (a, b) => a.CreatedAt >= b.CreatedAt);
        await KeysetPaging.BadInputIs400Async(dc, $"{Base}/posts");
        // Grassroots staff draft but do not review.
        var gr = await app.ClientAsync("dc-grassroots");
        Assert.Equal(HttpStatusCode.Forbidden, (await gr.PostJsonAsync($"{Base}/posts/{own.Id}/review", new { approve = true })).StatusCode);
    }

    [Fact]
    public async Task The_indicators_count_posts_employers_openings_and_distinct_people_placed()
    {
        IReadOnlyList<IndicatorValue> values = [];
        await app.WithScopeAsync(async sp =>
        {
            var source = sp.GetServices<IIndicatorSource>().Single(s => s.Definitions.Any(d => d.Key == "jobs.posts"));
            var year = DateTime.UtcNow.AddHours(8).Year;
            values = await source.ComputeAsync(new IndicatorQuery(new DateOnly(2020, 1, 1), new DateOnly(year + 1, 1, 1), "/"), default);
        });
        var v = values.ToDictionary(x => x.Key);
        var (posts, employers, openings) = await app.WithDbAsync(async db => (
            await db.Set<JobPost>().CountAsync(p => p.ReviewedBy != null && p.Status != PostStatus.Pending && p.Status != PostStatus.Rejected && p.Status != PostStatus.Draft),
            await db.Set<JobPost>().Where(p => p.ReviewedBy != null && p.Status != PostStatus.Pending && p.Status != PostStatus.Rejected && p.Status != PostStatus.Draft).Select(p => p.EmployerId).Distinct().CountAsync(),
            0));
        Assert.True(posts > 0);
        Assert.Equal(posts, v["jobs.posts"].Value);
        Assert.Equal(employers, v["jobs.employers"].Value);
        Assert.True(v["jobs.openings"].Value >= posts);
        Assert.Null(v["jobs.posts"].Flag);
        _ = openings;
    }
}

public sealed class JobsApiTests_Sqlite(SqliteApp app) : JobsApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class JobsApiTests_Postgres(PostgresApp app) : JobsApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
