namespace Gonghui.Modules.Hotline.Rules;

public enum Satisfaction { Satisfied = 0, PartlySatisfied = 1, Dissatisfied = 2 }

/// <summary>Weights of the composite score and of "partly satisfied"; configurable (Gonghui:Hotline:Rates).</summary>
public sealed record RateWeights(double Response = 0.1, double Resolution = 0.5, double Satisfaction = 0.4, double PartlySatisfied = 0.9)
{
    public static readonly RateWeights Default = new();
}

/// <summary>Counts over the valid return visits of one unit (or district, or the city) in a period.</summary>
public sealed record RateCounts(int ValidVisits, int ContactedInTime, int Solved, int Satisfied, int PartlySatisfied)
{
    public static RateCounts operator +(RateCounts a, RateCounts b) =>
        new(a.ValidVisits + b.ValidVisits, a.ContactedInTime + b.ContactedInTime, a.Solved + b.Solved, a.Satisfied + b.Satisfied, a.PartlySatisfied + b.PartlySatisfied);
    public static readonly RateCounts Zero = new(0, 0, 0, 0, 0);
}

public sealed record RateResult(int ValidVisits, double ResponseRate, double ResolutionRate, double SatisfactionRate, double Score);

/// <summary>
/// The three rates (响应率, 解决率, 满意率) and the composite score, over valid return visits:
/// response = contacted in time / valid visits; resolution = solved / valid visits;
/// satisfaction = (satisfied + partly satisfied × w) / valid visits;
/// score = 100 × (wR·response + wS·resolution + wM·satisfaction). No visits → all zero.
/// </summary>
public static class RateFormula
{
    public static RateResult Compute(RateCounts c, RateWeights w)
    {
        if (c.ValidVisits <= 0) return new(0, 0, 0, 0, 0);
        double n = c.ValidVisits;
        var response = c.ContactedInTime / n;
        var resolution = c.Solved / n;
        var satisfaction = (c.Satisfied + c.PartlySatisfied * w.PartlySatisfied) / n;
        var score = 100 * (w.Response * response + w.Resolution * resolution + w.Satisfaction * satisfaction);
        return new(c.ValidVisits, Round(response), Round(resolution), Round(satisfaction), Math.Round(score, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>One visit's contribution, for callers counting in memory.</summary>
    public static RateCounts Of(bool contactedInTime, bool solved, Satisfaction s) =>
        new(1, contactedInTime ? 1 : 0, solved ? 1 : 0, s == Satisfaction.Satisfied ? 1 : 0, s == Satisfaction.PartlySatisfied ? 1 : 0);

    private static double Round(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);
}

/// <summary>What a return visit means for the request: close it, or reopen it once and escalate.</summary>
public static class VisitOutcome
{
    public enum Next { Close, ReopenAndEscalate, CloseUnsolved }

    public static Next After(bool reached, bool solved, Satisfaction s, int timesReopened)
    {
        if (!reached) return Next.Close;
        if (solved && s != Satisfaction.Dissatisfied) return Next.Close;
        return timesReopened == 0 ? Next.ReopenAndEscalate : Next.CloseUnsolved;
    }
}
