using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Rules.Caching;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace HttpAnalyzers.Tests.Rules.Caching;

/// <summary>The shared models behind the caching rules: endpoints, sensitive names, header names and directives.</summary>
public class EndpointModelTests
{
    [Theory]
    [InlineData("accessToken", true)]
    [InlineData("access_token", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("apiKey", true)]
    [InlineData("apikey", true)]
    [InlineData("JWTToken", true)]
    [InlineData("sessionId", true)]
    [InlineData("tokenizer", false)]
    [InlineData("passwordless", false)]
    [InlineData("keys", false)]
    [InlineData("authors", false)]
    public void Sensitive_names_match_whole_words(string name, bool expected)
        => Assert.Equal(expected, SensitiveNames.Default.Matches(name));

    [Fact]
    public void Sensitive_names_option_replaces_the_list()
    {
        var names = SensitiveNames.Create(ImmutableArray.Create("pin", "card_number"));
        Assert.True(names.Matches("cardNumber"));
        Assert.True(names.Matches("PIN"));
        Assert.False(names.Matches("accessToken"));
    }

    [Theory]
    [InlineData("CacheControl", "Cache-Control")]
    [InlineData("ETag", "ETag")]
    [InlineData("IfNoneMatch", "If-None-Match")]
    [InlineData("WWWAuthenticate", "WWW-Authenticate")]
    [InlineData("LastModified", "Last-Modified")]
    public void Header_property_names(string property, string header)
        => Assert.Equal(header, HeaderModel.PropertyToHeaderName(property));

    [Fact]
    public void Directives_drop_arguments_and_keep_field_specific_forms()
    {
        var directives = HeaderValues.Parse("Private, no-cache=\"Set-Cookie\", max-age=60, NO-STORE", complete: true);
        Assert.True(directives.Has("private"));
        Assert.True(directives.Has("no-store"));
        Assert.True(directives.Has("max-age="));
        Assert.False(directives.Has("no-cache"));
        Assert.True(directives.Has("no-cache="));
    }

    [Fact]
    public async Task Map_invocations_with_groups_conventions_and_handlers()
    {
        var project = TestWorkspace.CreateProject(["""
            using Microsoft.AspNetCore.Authorization;

            var app = WebApplication.Create();
            var api = app.MapGroup("/api");
            var secure = api.MapGroup("/v1").RequireAuthorization();
            secure.MapGet("/orders", () => "o");
            secure.MapGet("/news", () => "n").AllowAnonymous();
            api.MapPost("/login", [Authorize] () => "l");
            app.MapGet("/health", Health);
            app.Run();

            static string Health() => "ok";
            """]);
        var compilation = (await project.GetCompilationAsync())!;
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == TestWorkspace.PathOf(0));
        var model = compilation.GetSemanticModel(tree);
        var endpoints = Endpoints.Create(KnownTypes.Get(compilation))!;
        var found = new Dictionary<string, EndpointInfo>();
        foreach (var syntax in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(syntax) is IInvocationOperation invocation && endpoints.ForMapInvocation(invocation) is { } endpoint)
            {
                found[endpoint.RouteTemplates.Single()] = endpoint;
            }
        }

        Assert.Equal(["/api/login", "/api/v1/news", "/api/v1/orders", "/health"], found.Keys.Order(StringComparer.Ordinal));
        Assert.True(found["/api/v1/orders"].RequiresAuthorization);
        Assert.False(found["/api/v1/news"].RequiresAuthorization);
        Assert.True(found["/api/login"].RequiresAuthorization);
        Assert.False(found["/health"].RequiresAuthorization);
        Assert.All(found.Values, e => Assert.Equal(EndpointKind.MinimalApi, e.Kind));
        Assert.True(Endpoints.HasSensitiveRouteWord(found["/api/login"], out var word) && word == "login");
        Assert.False(Endpoints.HasSensitiveRouteWord(found["/api/v1/orders"], out _));
    }
}
