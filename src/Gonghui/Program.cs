using Gonghui.Modules.Hotline;
using Gonghui.Modules.FeeRefunds;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Loans;
using Gonghui.Modules.MutualAid;
using Gonghui.Modules.Hardship;
using Gonghui.Modules.Insurance;
using Gonghui.Modules.Innovation;
using Gonghui.Modules.Jobs;
using Gonghui.Modules.Legal;
using Gonghui.Modules.LaborRelations;
using Gonghui.Modules.MemberCard;
using Gonghui.Modules.Skills;
using Gonghui.Modules.Culture;
using Gonghui.Modules.Services;
using Gonghui.Modules.ModelWorkers;
using Gonghui.Modules.Reports;
using Gonghui.Modules.Organizations;
using Gonghui.Modules.Venues;
using Gonghui.Platform;
using Gonghui.Platform.Cli;

// The composition root: the platform, then every module by name, in order.
var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);
builder.AddPlatform();
Program.AddModules(builder.Services);

var app = builder.Build();
app.UsePlatform();
app.MapOrganizations();
app.MapVenues();
app.MapHotline();
app.MapFunds();
app.MapMutualAid();
app.MapFeeRefunds();
app.MapLoans();
app.MapHardship();
app.MapInsurance();
app.MapInnovation();
app.MapLegal();
app.MapLaborRelations();
app.MapSkills();
app.MapJobs();
app.MapCulture();
app.MapServices();
app.MapModelWorkers();
app.MapReports();
app.MapMemberCard();
app.MapUi();

return await CommandLine.RunAsync(app, command);

public partial class Program
{
    /// <summary>
    /// Every module registers itself (services, EF model configuration, CLI verbs), in order. The design-time context
    /// factories (tools/migrations.sh) call this too, so the migrations see the same model as the host.
    /// </summary>
    internal static IServiceCollection AddModules(IServiceCollection services) => services
        .AddOrganizations()
        .AddVenues()
        .AddHotline()
        .AddFunds()
        .AddMutualAid()
        .AddFeeRefunds()
        .AddLoans()
        .AddHardship()
        .AddInsurance()
        .AddInnovation()
        .AddLegal()
        .AddLaborRelations()
        .AddSkills()
        .AddJobs()
        .AddCulture()
        .AddServices()
        .AddModelWorkers()
        .AddMemberCard()
        .AddReports(); // last: the scenario's step runs after every module's demo data
}
