namespace Gonghui.Modules.Services.Public;

/// <summary>A service project as another module may show it: code, name, year and whether it takes visits now.</summary>
public sealed record ServiceProjectRef(Guid Id, string Code, string Name, int Year, bool TakesVisits);

/// <summary>Finds a service project the caller may see by id or code (e.g. an event's sign-in desk naming its project).</summary>
public interface IServiceProjectLookup
{
    Task<ServiceProjectRef?> FindVisibleAsync(string idOrCode, CancellationToken ct);
}
