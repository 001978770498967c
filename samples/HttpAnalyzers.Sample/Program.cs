// The sample app: every file under a family folder (Cookies/, Retries/, Caching/, Cors/, Client/) holds code that
// trips that family's rules. `dotnet build` lists the warnings; each one links to docs/rules/<ID>.md.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddHttpClient();
HttpAnalyzers.Sample.Cors.CorsSamples.AddCorsSamples(builder.Services);
HttpAnalyzers.Sample.Retries.RetriesSampleSetup.AddRetriesSamples(builder.Services);
HttpAnalyzers.Sample.Client.ClientSamples.AddClientSamples(builder.Services);

var app = builder.Build();

app.MapControllers();
HttpAnalyzers.Sample.Cookies.CookieSamples.MapCookieSamples(app);
HttpAnalyzers.Sample.Caching.CachingEndpoints.MapCachingSamples(app);
HttpAnalyzers.Sample.Cors.CorsSamples.MapCorsSamples(app);
HttpAnalyzers.Sample.Retries.RetriesSampleSetup.MapRetriesSamples(app);
HttpAnalyzers.Sample.Semantics.SemanticsSamples.MapSemanticsSamples(app);
app.Run();
