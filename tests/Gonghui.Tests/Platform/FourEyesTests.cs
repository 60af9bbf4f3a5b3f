using Gonghui.Platform.Money;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Tests.Platform;

/// <summary>The four-eyes rule for payments: above the threshold the approver may not also pay.</summary>
public sealed class FourEyesTests
{
    private const long T = FourEyes.DefaultThresholdFen;

    [Theory]
    // At or below the threshold anyone may pay, the approver included, even with no approver on record.
    [InlineData(0L, T, "dongcheng", "dongcheng", FourEyesVerdict.Ok)]
    [InlineData(1L, T, "dongcheng", "dongcheng", FourEyesVerdict.Ok)]
    [InlineData(T - 1, T, "dongcheng", "dongcheng", FourEyesVerdict.Ok)]
    [InlineData(T, T, "dongcheng", "dongcheng", FourEyesVerdict.Ok)]
    [InlineData(T, T, null, "dongcheng", FourEyesVerdict.Ok)]
    [InlineData(T, T, "", "", FourEyesVerdict.Ok)]
    // One fen above: the approver may not pay; someone else may.
    [InlineData(T + 1, T, "dongcheng", "dongcheng", FourEyesVerdict.SamePerson)]
    [InlineData(T + 1, T, "dongcheng", "fundofficer", FourEyesVerdict.Ok)]
    [InlineData(long.MaxValue, T, "dongcheng", "dongcheng", FourEyesVerdict.SamePerson)]
    [InlineData(long.MaxValue, T, "dongcheng", "admin", FourEyesVerdict.Ok)]
    // Names compare trimmed and case-insensitively.
    [InlineData(T + 1, T, "DongCheng", "dongcheng", FourEyesVerdict.SamePerson)]
    [InlineData(T + 1, T, " dongcheng ", "dongcheng", FourEyesVerdict.SamePerson)]
    [InlineData(T + 1, T, "dongcheng", "dongcheng2", FourEyesVerdict.Ok)]
    // Nobody on record (or an anonymous payer) above the threshold: a second approver is needed.
    [InlineData(T + 1, T, null, "dongcheng", FourEyesVerdict.NeedsSecondApprover)]
    [InlineData(T + 1, T, "", "dongcheng", FourEyesVerdict.NeedsSecondApprover)]
    [InlineData(T + 1, T, "   ", "dongcheng", FourEyesVerdict.NeedsSecondApprover)]
    [InlineData(T + 1, T, "dongcheng", null, FourEyesVerdict.NeedsSecondApprover)]
    [InlineData(T + 1, T, "dongcheng", " ", FourEyesVerdict.NeedsSecondApprover)]
    // Threshold 0: every payment needs two people; a custom threshold moves the line.
    [InlineData(1L, 0L, "a", "a", FourEyesVerdict.SamePerson)]
    [InlineData(0L, 0L, "a", "a", FourEyesVerdict.Ok)]
    [InlineData(1_000_01L, 1_000_00L, "a", "a", FourEyesVerdict.SamePerson)]
    [InlineData(1_000_00L, 1_000_00L, "a", "a", FourEyesVerdict.Ok)]
    [InlineData(T + 1, 10 * T, "a", "a", FourEyesVerdict.Ok)]
    public void Check_applies_the_rule(long amount, long threshold, string? approver, string? payer, FourEyesVerdict expected)
    {
        Assert.Equal(expected, FourEyes.Check(amount, threshold, approver, payer));
        Assert.Equal(expected == FourEyesVerdict.Ok, FourEyes.Allows(amount, threshold, approver, payer));
    }

    [Fact]
    public void The_threshold_defaults_to_50000_yuan_and_is_configurable()
    {
        Assert.Equal(5_000_000, FourEyes.ThresholdFen(new ConfigurationBuilder().Build()));
        Assert.Equal(FourEyes.DefaultThresholdFen, Fen.FromYuan(50_000).Value);
        IConfiguration With(string v) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [FourEyes.ConfigKey] = v }).Build();
        Assert.Equal(100_000_00, FourEyes.ThresholdFen(With("10000000")));
        Assert.Equal(0, FourEyes.ThresholdFen(With("0")));
        Assert.Throws<InvalidOperationException>(() => FourEyes.ThresholdFen(With("-1")));
    }

    [Fact]
    public void The_code_is_stable()
    {
        Assert.Equal("payment.secondApproverRequired", FourEyes.Code);
        Assert.Equal("Gonghui:Payments:SecondApproverAboveFen", FourEyes.ConfigKey);
    }
}
