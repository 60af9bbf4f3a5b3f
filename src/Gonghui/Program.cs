using Gonghui.Modules.Hotline;
using Gonghui.Modules.FeeRefunds;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Loans;
using Gonghui.Modules.MutualAid;
using Gonghui.Modules.Hardship;
using Gonghui.Modules.Insurance;
using Gonghui.Modules.Organizations;
using Gonghui.Modules.Venues;
using Gonghui.Platform;
using Gonghui.Platform.Cli;

// The composition root: the platform, then every module by name, in order.
var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);
builder.AddPlatform();
builder.Services.AddOrganizations();
builder.Services.AddVenues();
builder.Services.AddHotline();
builder.Services.AddFunds();
builder.Services.AddMutualAid();
builder.Services.AddFeeRefunds();
builder.Services.AddLoans();
builder.Services.AddHardship();
builder.Services.AddInsurance();

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
app.MapUi();

return await CommandLine.RunAsync(app, command);

public partial class Program;
