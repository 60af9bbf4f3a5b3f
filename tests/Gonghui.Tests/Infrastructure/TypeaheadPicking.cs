using Microsoft.Playwright;

namespace Gonghui.Tests.Infrastructure;

/// <summary>Picks from a large select the way a user does once typeahead.js has replaced it: types the option's name into
/// the search box, then checks that the hidden select (the form's value) took the option.</summary>
public static class TypeaheadPicking
{
    /// <summary>Keeps the select's current choice by typing its name, once the page holding the select has loaded (a value read
    /// before the navigation ends finds no select).</summary>
    public static async Task KeepChoiceByTypingAsync(this IPage page, string selectId)
    {
        await page.Locator($"{selectId}-search").WaitForAsync();
        await page.PickByTypingAsync(selectId, await page.EvalOnSelectorAsync<string>(selectId, "s => s.value"));
    }

    /// <summary>Types the name shown for <paramref name="value"/> into the search box of the select <paramref name="selectId"/> ("#unit").</summary>
    public static async Task PickByTypingAsync(this IPage page, string selectId, string value)
    {
        var search = page.Locator($"{selectId}-search");
        await search.WaitForAsync(); // the script has enhanced the select
        Assert.False(await page.IsVisibleAsync(selectId), $"{selectId} should be hidden behind its search box");
        var name = await page.EvalOnSelectorAsync<string>(selectId, "(s, v) => [...s.options].find(o => o.value === v)?.text ?? ''", value);
        Assert.False(string.IsNullOrEmpty(name), $"{selectId} has no option {value}");
        await search.FillAsync("");
        await search.PressSequentiallyAsync(name);
        Assert.Equal(value, await page.EvalOnSelectorAsync<string>(selectId, "s => s.value"));
        Assert.True(await search.EvaluateAsync<bool>("i => i.validity.valid"), $"{selectId}: '{name}' was not taken");
    }
}
