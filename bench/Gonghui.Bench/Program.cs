using BenchmarkDotNet.Running;

namespace Gonghui.Bench;

/// <summary>Benchmarks and scenarios. `dotnet run -c Release --project bench/Gonghui.Bench -- list` shows them.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] == "list")
        {
            Console.WriteLine("Scenarios:");
            foreach (var s in Scenarios.All) Console.WriteLine($"  {s.Name,-24} {s.Description}");
            Console.WriteLine("  kernels                  BenchmarkDotNet micro-benchmarks (pass BenchmarkDotNet args after it)");
            return 0;
        }
        if (args[0] == "kernels")
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
            return 0;
        }
        var scenario = Scenarios.All.FirstOrDefault(s => s.Name == args[0]);
        if (scenario is null) { Console.Error.WriteLine($"Unknown scenario {args[0]}"); return 2; }
        return await scenario.Run(args[1..]);
    }
}

public sealed record Scenario(string Name, string Description, Func<string[], Task<int>> Run);

/// <summary>The scenario list, by name, like Program.cs lists modules; each benchmark adds its line here.</summary>
public static class Scenarios
{
    public static readonly List<Scenario> All =
    [
        MembersImportBench.Scenario,
        new("members-import-stages", "where a member import spends its time, stage by stage, without a database [ROWS]", MembersImportStages.RunAsync),
        VenuesBench.Scenario,
        HotlineBench.Scenario,
        new("mutual-aid", "A year of mutual-aid claims: CSV intake + payout, ledger posting, reconciliation", FundsBench.RunAsync),
        HardshipBench.Scenario,
        ListsBench.Scenario,
        InnovationBench.Scenario,
        SkillsBench.Scenario,
        LaborBench.Scenario,
        JobsBench.Scenario,
        CultureBench.Scenario,
        ServicesBench.Scenario,
        MemberCardBench.Scenario,
    ];
}
