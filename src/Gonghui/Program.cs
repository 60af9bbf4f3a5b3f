using Gonghui.Modules.Funds;
using Gonghui.Modules.Hardship;
using Gonghui.Modules.Organizations;
using Gonghui.Platform;
using Gonghui.Platform.Cli;

// The composition root: the platform, then every module by name, in order.
var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);
builder.AddPlatform();
builder.Services.AddOrganizations();
builder.Services.AddFunds();
builder.Services.AddHardship();

var app = builder.Build();
app.UsePlatform();
app.MapOrganizations();
app.MapFunds();
app.MapHardship();
app.MapUi();

return await CommandLine.RunAsync(app, command);

public partial class Program;
