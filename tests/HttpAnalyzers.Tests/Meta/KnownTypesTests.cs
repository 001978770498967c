using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace HttpAnalyzers.Tests.Meta;

/// <summary>
/// A type defined twice (a user's own copy next to the framework's) still resolves to the framework's, and the rules
/// keep working on the code that uses the framework's type.
/// </summary>
public class KnownTypesTests
{
    private const string UserCopies = """
        namespace Microsoft.AspNetCore.Http
        {
            public class HttpResponse { }
        }

        namespace System.Net.Http
        {
            internal class HttpClient { }
        }
        """;

    [Fact]
    public async Task A_user_copy_resolves_to_the_framework_type()
    {
        var project = TestWorkspace.CreateProject([UserCopies]);
        var compilation = (await project.GetCompilationAsync())!;
        var types = KnownTypes.Get(compilation);

        Assert.NotNull(types.HttpResponse);
        Assert.NotNull(types.HttpClient);
        Assert.False(SymbolEqualityComparer.Default.Equals(types.HttpResponse!.ContainingAssembly, compilation.Assembly));
        Assert.False(SymbolEqualityComparer.Default.Equals(types.HttpClient!.ContainingAssembly, compilation.Assembly));
        Assert.Equal("Microsoft.AspNetCore.Http.Abstractions", types.HttpResponse.ContainingAssembly.Name);
        Assert.Equal("System.Net.Http", types.HttpClient.ContainingAssembly.Name);
    }

    [Fact]
    public async Task Generic_types_resolve_by_namespace_and_arity()
    {
        var project = TestWorkspace.CreateProject(["""
            namespace System.Threading.Tasks
            {
                public class Task<T1, T2> { }
            }

            namespace Contoso.Polly
            {
                public class ResiliencePipeline<T> { }
            }
            """]);
        var compilation = (await project.GetCompilationAsync())!;
        var types = KnownTypes.Get(compilation);

        Assert.NotNull(types.TaskOfT);
        Assert.Equal(1, types.TaskOfT!.Arity);
        Assert.Equal("System.Runtime", types.TaskOfT.ContainingAssembly.Name);
        Assert.NotNull(types.Task);
        Assert.Equal(0, types.Task!.Arity);

        // The real Polly type, not the user's type of the same name in another namespace.
        Assert.NotNull(types.PollyResiliencePipelineOfT);
        Assert.Equal("Polly.Core", types.PollyResiliencePipelineOfT!.ContainingAssembly.Name);
    }

    [Fact]
    public Task Cookie_rules_work_next_to_a_user_copy_of_HttpResponse() => RuleVerifier.For(DiagnosticIds.CookieNotSecure).AnalyzerAsync([UserCopies, """
        class C
        {
            void M(HttpContext context) => context.Response.Cookies.{|HTTP0021:[|Append|]|}("sid", "v");
        }
        """]);

    [Fact]
    public Task Retry_rules_work_next_to_a_user_copy_of_HttpClient() => RuleVerifier.For(DiagnosticIds.IdempotencyKeyMissing).AnalyzerAsync([UserCopies, """
        class C
        {
            async Task M(IHttpClientFactory factory, HttpContent content)
            {
                var client = factory.CreateClient();
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await client.[|PostAsync|]("orders", content);
                        return;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(attempt));
                    }
                }
            }
        }
        """]);
}
