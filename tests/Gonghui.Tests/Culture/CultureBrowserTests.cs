using Gonghui.Modules.Culture.Quiz;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gonghui.Tests.Culture;

/// <summary>The reading quiz on a phone (375 px) in Chromium: each choice saved as it is made (seen in the database before the
/// submit), a reload keeps them, the submit shows the score; and the recitation works play on the public page.</summary>
[Collection("browser")]
public sealed class CultureBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_member_takes_the_quiz_on_a_phone_and_each_answer_is_saved_as_it_is_chosen()
    {
        var worker = (await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 1))[0];
        var page = await app.SignedInPageAsync(worker.UserName, new ViewportSize { Width = 375, Height = 740 });
        await page.GotoAsync("/culture/quiz");
        await page.ClickAsync("[data-testid=start-quiz]");
        await page.WaitForSelectorAsync("[data-testid=attempt-form]");
        var questions = page.Locator("[data-testid=quiz-question]");
        Assert.Equal(20, await questions.CountAsync());
        // Nothing scrolls sideways on a 375 px phone.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"));

        for (var i = 0; i < 3; i++)
        {
            await questions.Nth(i).Locator("input").First.CheckAsync();
            await questions.Nth(i).Locator(".save-state:text('已保存')").WaitForAsync();
        }
        var attemptId = Guid.Parse((await page.GetAttributeAsync("[data-testid=attempt-form]", "data-attempt"))!);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<QuizAnswer>().CountAsync(a => a.AttemptId == attemptId)));

        // A reload (a dropped connection) keeps every choice made.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=attempt-form]");
        for (var i = 0; i < 3; i++) Assert.True(await questions.Nth(i).Locator("input").First.IsCheckedAsync());

        await page.ClickAsync("[data-testid=submit-attempt]");
        var result = await page.WaitForSelectorAsync("[data-testid=attempt-result]");
        Assert.Contains("交卷成功", await result!.InnerTextAsync());
        Assert.NotNull(await app.WithDbAsync(db => db.Set<QuizAttempt>().Where(a => a.Id == attemptId).Select(a => a.Score).SingleAsync()));
    }

    [Fact]
    public async Task Published_works_play_on_the_public_page_and_a_worker_likes_one()
    {
        var anon = await app.NewPageAsync(new ViewportSize { Width = 375, Height = 740 });
        await anon.GotoAsync("/culture/works");
        var players = anon.Locator("[data-testid=work-player]");
        Assert.True(await players.CountAsync() > 0, "the demo's works are listed");
        // The browser can load and decode the first work's audio (served with range requests).
        var duration = await anon.EvaluateAsync<double>(@"() => new Promise(res => { const a = document.querySelector('audio'); a.preload = 'metadata';
            a.addEventListener('loadedmetadata', () => res(a.duration)); a.addEventListener('error', () => res(-1)); a.load(); })");
        Assert.InRange(duration, 1.5, 5.0);

        var worker = (await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 1))[0];
        var page = await app.SignedInPageAsync(worker.UserName, new ViewportSize { Width = 375, Height = 740 });
        await page.GotoAsync("/culture/works");
        var first = page.Locator("[data-testid=work]").First;
        var before = await first.Locator("[data-testid=like-count]").InnerTextAsync();
        await first.Locator("[data-testid=like]").ClickAsync();
        await page.Locator("[data-testid=work]").First.Locator("[data-testid=like]:text('已点赞')").WaitForAsync();
        Assert.NotEqual(before, await page.Locator("[data-testid=work]").First.Locator("[data-testid=like-count]").InnerTextAsync());
    }
}
