using HttpAnalyzers.Infrastructure;
using HttpAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace HttpAnalyzers.Tests.Infrastructure;

/// <summary>The shared walker visits what Roslyn's own <c>DescendantsAndSelf()</c> visits, in the same order.</summary>
public class OperationWalkTests
{
    private const string Source = """
        using System;
        using System.Linq;

        public class C
        {
            public int M(int[] items)
            {
                var total = 0;
                for (var i = 0; i < items.Length; i++)
                {
                    if (items[i] > 2) { total += items[i]; continue; }
                    Func<int, int> twice = x => x * 2;
                    total += twice(items[i]) + Local(i);
                }

                return total + items.Where(x => x > 1).Count();

                static int Local(int value) => value + 1;
            }
        }
        """;

    [Fact]
    public async Task Of_and_Below_list_every_operation_in_source_order()
    {
        var body = await BodyAsync();
        var expected = body.DescendantsAndSelf().ToList();

        Assert.Equal(expected, List(OperationWalk.Of(body)));
        Assert.Equal(expected.Skip(1), List(OperationWalk.Below(body)));
    }

    [Fact]
    public async Task Skipping_functions_leaves_out_lambdas_and_local_functions_with_everything_in_them()
    {
        var body = await BodyAsync();
        var inFunctions = new HashSet<IOperation>();
        foreach (var function in body.Descendants().Where(o => o is IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            inFunctions.UnionWith(function.DescendantsAndSelf());
        }

        var expected = body.DescendantsAndSelf().Where(o => !inFunctions.Contains(o)).ToList();

        Assert.NotEmpty(inFunctions);
        Assert.Equal(expected, List(new OperationWalk(body, skipFunctions: true)));
    }

    [Fact]
    public async Task A_walk_left_early_does_not_disturb_the_next_one()
    {
        var body = await BodyAsync();
        foreach (var operation in OperationWalk.Of(body))
        {
            if (operation is ILoopOperation)
            {
                // A nested walk while the outer one holds its stack, then the outer one left early.
                Assert.Equal(operation.DescendantsAndSelf().ToList(), List(OperationWalk.Of(operation)));
                break;
            }
        }

        Assert.Equal(body.DescendantsAndSelf().ToList(), List(OperationWalk.Of(body)));
    }

    private static List<IOperation> List(OperationWalk walk)
    {
        var result = new List<IOperation>();
        foreach (var operation in walk)
        {
            result.Add(operation);
        }

        return result;
    }

    private static async Task<IOperation> BodyAsync()
    {
        var project = TestWorkspace.CreateProject([Source]);
        var compilation = (await project.GetCompilationAsync())!;
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == TestWorkspace.PathOf(0));
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        return compilation.GetSemanticModel(tree).GetOperation(method)!;
    }
}
