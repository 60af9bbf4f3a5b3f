using Gonghui.Modules.Funds.Public;

namespace Gonghui.Modules.LaborRelations.Organizing;

/// <summary>
/// A grant of the special organizing fund (组建专项经费) to a drive, an <see cref="ApprovedPayment"/> from the fund of the drive's district
/// union, or the federation's for a city-wide drive (source <see cref="GrantHandlers.PaymentSource"/>).
/// </summary>
public sealed class DriveGrant : ApprovedPayment
{
    private DriveGrant() { }

    public Guid DriveId { get; private set; }
    public string Purpose { get; private set; } = "";

    public static DriveGrant Approve(Guid id, Guid driveId, string scopePath, Guid fundUnitId, int year, long amountFen, string purpose, string by, DateTimeOffset at)
    {
        var g = new DriveGrant { DriveId = driveId, Purpose = purpose };
        g.Approve(id, scopePath, fundUnitId, year, amountFen, by, at);
        return g;
    }
}
