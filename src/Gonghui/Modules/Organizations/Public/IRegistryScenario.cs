namespace Gonghui.Modules.Organizations.Public;

/// <summary>
/// The registry's part of a generated year (<c>gonghui scenario</c>): another module's scenario seeder that needs more firms of
/// the registry than the demo holds (22,100 small firms refunded their union fees) asks for them here first. Never used by
/// the plain demo or the app.
/// </summary>
public interface IRegistryScenario
{
    /// <summary>
    /// Makes the registry hold at least <paramref name="count"/> small or micro enterprises with a grassroots union, adding
    /// deterministic ones (unique names, valid credit codes, spread over the grassroots unions) where it holds fewer.
    /// Answers how many it added (0 when there were enough: a second call adds nothing).
    /// </summary>
    Task<int> EnsureSmallFirmsAsync(int count, CancellationToken ct);
}
