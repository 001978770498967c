using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>Where a pipeline's builder comes from.</summary>
internal enum PipelineKind
{
    /// <summary>A local holding the app (<c>var app = builder.Build();</c> in <c>Program.cs</c> or <c>Main</c>).</summary>
    Application,

    /// <summary>The <c>IApplicationBuilder</c> parameter of a method such as <c>Startup.Configure</c>.</summary>
    Startup,

    /// <summary>The <c>this IApplicationBuilder</c> parameter of an extension method: its calls run where the method is called.</summary>
    Wrapper,

    /// <summary>The builder parameter of a lambda (<c>Map</c>, <c>MapWhen</c>, <c>UseWhen</c> branches): a pipeline of its own.</summary>
    Branch,
}

/// <summary>One call on the pipeline's builder.</summary>
internal sealed class PipelineStep
{
    public PipelineStep(IInvocationOperation invocation, IInvocationOperation site, int depth, IParameterSymbol? callee)
    {
        Invocation = invocation;
        Site = site;
        Depth = depth;
        Callee = callee;
        Method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
    }

    /// <summary>The parameter of the called method that receives the builder (the <c>this</c> parameter of an extension method, or an ordinary argument of a helper).</summary>
    public IParameterSymbol? Callee { get; }

    /// <summary>The call as written (inside a wrapper when <see cref="Depth"/> &gt; 0).</summary>
    public IInvocationOperation Invocation { get; }

    /// <summary>The call in the pipeline being read: the same as <see cref="Invocation"/>, or the wrapper call that contains it.</summary>
    public IInvocationOperation Site { get; }

    /// <summary>0 for a call written on the pipeline's builder; 1+ for calls made inside wrapper extension methods.</summary>
    public int Depth { get; }

    /// <summary>The called method (the unreduced, original definition of an extension method).</summary>
    public IMethodSymbol Method { get; }

    /// <summary>True when <see cref="Method"/> is <paramref name="name"/> declared on <paramref name="containingType"/>.</summary>
    public bool Is(INamedTypeSymbol? containingType, string name)
        => containingType is not null && Method.Name == name && SymbolEqualityComparer.Default.Equals(Method.ContainingType, containingType);
}

/// <summary>
/// The calls made on one <c>WebApplication</c> / <c>IApplicationBuilder</c> (one local or parameter), in source order.
/// Chained calls (<c>app.UseA().UseB()</c>) are ordered by the position of their method names.
/// </summary>
internal sealed class Pipeline
{
    public Pipeline(ISymbol builder, PipelineKind kind, bool isWebApplication, ImmutableArray<PipelineStep> steps)
    {
        Builder = builder;
        Kind = kind;
        IsWebApplication = isWebApplication;
        Steps = steps;
    }

    /// <summary>The local or parameter the calls are made on.</summary>
    public ISymbol Builder { get; }

    public PipelineKind Kind { get; }

    /// <summary>True when another pipeline of the compilation calls the method whose parameter this pipeline reads (a wrapper or helper).</summary>
    public bool IsCalledFromAnotherPipeline { get; internal set; }

    /// <summary>The builder is a <c>WebApplication</c>: it adds routing, authentication and authorization implicitly.</summary>
    public bool IsWebApplication { get; }

    /// <summary>The calls written on <see cref="Builder"/>, in source order.</summary>
    public ImmutableArray<PipelineStep> Steps { get; }

    /// <summary>The index of the first step from <paramref name="start"/> that calls <paramref name="name"/> on <paramref name="containingType"/>, or -1.</summary>
    public static int IndexOf(ImmutableArray<PipelineStep> steps, INamedTypeSymbol? containingType, string name, int start = 0)
    {
        for (var i = start; i < steps.Length; i++)
        {
            if (steps[i].Is(containingType, name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The extension method whose <c>this</c> parameter this wrapper pipeline reads, or null.</summary>
    public IMethodSymbol? WrapperMethod => Kind == PipelineKind.Wrapper ? Builder.ContainingSymbol as IMethodSymbol : null;
}

/// <summary>
/// Gathers the pipeline calls of a compilation (thread-safe) and groups them into <see cref="Pipeline"/>s. The CORS
/// middleware index feeds it the invocations of the files that may hold a pipeline when a candidate finding first asks,
/// then calls <see cref="Build"/> once; calls to wrapper extension methods written in the compilation can be expanded into
/// the calls they make (<see cref="Flatten"/>). Findings are reported from document-level actions, never at compilation end.
/// </summary>
internal sealed class PipelineCollector
{
    private const int MaxWrapperDepth = 4;

    private readonly INamedTypeSymbol _applicationBuilder;
    private readonly INamedTypeSymbol? _webApplication;
    private readonly ConcurrentQueue<(ISymbol Builder, IInvocationOperation Invocation)> _calls = new();
    private Dictionary<IParameterSymbol, Pipeline>? _byParameter;

    private PipelineCollector(INamedTypeSymbol applicationBuilder, INamedTypeSymbol? webApplication)
    {
        _applicationBuilder = applicationBuilder;
        _webApplication = webApplication;
    }

    /// <summary>Null when the compilation has no <c>IApplicationBuilder</c>.</summary>
    public static PipelineCollector? Create(KnownTypes types)
        => types.IApplicationBuilder is { } builder ? new PipelineCollector(builder, types.WebApplication) : null;

    /// <summary>True when <paramref name="type"/> is <c>IApplicationBuilder</c> or <c>WebApplication</c> (exact: cheap).</summary>
    public bool IsBuilderType(ITypeSymbol? type)
        => type is not null &&
           (SymbolEqualityComparer.Default.Equals(type, _applicationBuilder) || SymbolEqualityComparer.Default.Equals(type, _webApplication));

    /// <summary>
    /// Records <paramref name="invocation"/> when it is made on a builder local or parameter (directly or through a chain),
    /// or passes one to a method written in the compilation (<c>Pipeline.Configure(app)</c>). Returns the builder.
    /// </summary>
    public ISymbol? Collect(IInvocationOperation invocation)
    {
        var root = GetBuilder(invocation);
        if (root is not null)
        {
            _calls.Enqueue((root, invocation));
            return root;
        }

        if (invocation.TargetMethod.IsExtensionMethod || invocation.Arguments.IsDefaultOrEmpty || invocation.TargetMethod.DeclaringSyntaxReferences.IsDefaultOrEmpty)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && IsBuilderType(parameter.Type) &&
                argument.Value.WalkDownConversions() is ILocalReferenceOperation or IParameterReferenceOperation &&
                BuilderOf(argument.Value.WalkDownConversions()) is { } helperRoot)
            {
                _calls.Enqueue((helperRoot, invocation));
                return helperRoot;
            }
        }

        return null;
    }

    private ISymbol? BuilderOf(IOperation value)
        => !IsBuilderType(value.Type) ? null : value switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

    /// <summary>The local or parameter an app-builder call is made on, walking down chained calls; null for anything else.</summary>
    public ISymbol? GetBuilder(IInvocationOperation invocation)
    {
        var receiver = invocation.GetReceiverOrThisArgument();
        for (var i = 0; i < 64 && receiver is not null; i++)
        {
            if (!IsBuilderType(receiver.Type))
            {
                return null;
            }

            switch (receiver)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IInvocationOperation inner:
                    receiver = inner.GetReceiverOrThisArgument();
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Groups the recorded calls into pipelines. Call once, at compilation end.</summary>
    public ImmutableArray<Pipeline> Build()
    {
        var groups = new Dictionary<ISymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);
        foreach (var (builder, invocation) in _calls)
        {
            if (!groups.TryGetValue(builder, out var list))
            {
                list = new List<IInvocationOperation>();
                groups.Add(builder, list);
            }

            list.Add(invocation);
        }

        var result = ImmutableArray.CreateBuilder<Pipeline>(groups.Count);
        _byParameter = new Dictionary<IParameterSymbol, Pipeline>(SymbolEqualityComparer.Default);
        foreach (var pair in groups)
        {
            var list = pair.Value;
            list.Sort(static (a, b) =>
            {
                var byFile = string.CompareOrdinal(a.Syntax.SyntaxTree.FilePath, b.Syntax.SyntaxTree.FilePath);
                return byFile != 0 ? byFile : PositionOf(a).CompareTo(PositionOf(b));
            });
            var steps = ImmutableArray.CreateBuilder<PipelineStep>(list.Count);
            foreach (var invocation in list)
            {
                steps.Add(new PipelineStep(invocation, invocation, 0, CalleeOf(invocation, pair.Key)));
            }

            var (kind, isWebApplication) = Classify(pair.Key);
            var pipeline = new Pipeline(pair.Key, kind, isWebApplication, steps.MoveToImmutable());
            result.Add(pipeline);
            if (pair.Key is IParameterSymbol parameter && kind is PipelineKind.Wrapper or PipelineKind.Startup)
            {
                _byParameter[parameter.OriginalDefinition] = pipeline;
            }
        }

        var pipelines = result.ToImmutable();
        foreach (var pipeline in pipelines)
        {
            foreach (var step in pipeline.Steps)
            {
                if (step.Callee is { } callee && _byParameter.TryGetValue(callee, out var called) && !ReferenceEquals(called, pipeline))
                {
                    called.IsCalledFromAnotherPipeline = true;
                }
            }
        }

        return pipelines;
    }

    /// <summary>The parameter of the called method that receives <paramref name="builder"/>.</summary>
    private IParameterSymbol? CalleeOf(IInvocationOperation invocation, ISymbol builder)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (method.DeclaringSyntaxReferences.IsDefaultOrEmpty)
        {
            return null;
        }

        if (method.IsExtensionMethod && method.Parameters.Length > 0 && invocation.GetReceiverOrThisArgument() is { } receiver &&
            (receiver is ILocalReferenceOperation or IParameterReferenceOperation) && SymbolEqualityComparer.Default.Equals(BuilderOf(receiver), builder))
        {
            return method.Parameters[0].OriginalDefinition;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && IsBuilderType(parameter.Type) &&
                BuilderOf(argument.Value.WalkDownConversions()) is { } passed && SymbolEqualityComparer.Default.Equals(passed, builder))
            {
                return parameter.OriginalDefinition;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="step"/> calls a wrapper or helper method of the compilation whose pipeline was recorded.</summary>
    public bool CallsRecordedPipeline(PipelineStep step) => step.Callee is { } callee && _byParameter is not null && _byParameter.ContainsKey(callee);

    /// <summary>
    /// The steps of <paramref name="pipeline"/> with every call to a wrapper extension method or helper method written in the
    /// compilation (one that receives the builder) followed by the calls it makes (their <see cref="PipelineStep.Site"/> is the
    /// outer call).
    /// </summary>
    public ImmutableArray<PipelineStep> Flatten(Pipeline pipeline)
    {
        if (_byParameter is null || _byParameter.Count == 0)
        {
            return pipeline.Steps;
        }

        var builder = ImmutableArray.CreateBuilder<PipelineStep>(pipeline.Steps.Length);
        foreach (var step in pipeline.Steps)
        {
            builder.Add(step);
            Expand(step.Callee, step.Invocation, 1, builder);
        }

        return builder.ToImmutable();
    }

    private void Expand(IParameterSymbol? callee, IInvocationOperation site, int depth, ImmutableArray<PipelineStep>.Builder builder)
    {
        if (callee is null || depth > MaxWrapperDepth || !_byParameter!.TryGetValue(callee, out var called))
        {
            return;
        }

        foreach (var inner in called.Steps)
        {
            builder.Add(new PipelineStep(inner.Invocation, site, depth, inner.Callee));
            Expand(inner.Callee, site, depth + 1, builder);
        }
    }

    /// <summary>The position that orders a call: its method name (so that <c>app.UseA().UseB()</c> reads A, then B).</summary>
    public static int PositionOf(IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name.SpanStart : invocation.Syntax.SpanStart;

    /// <summary>The span from the method name to the end of the argument list (<c>UseCors("x")</c> in <c>app.UseCors("x")</c>).</summary>
    public static Location CallLocation(IInvocationOperation invocation)
    {
        var syntax = invocation.Syntax;
        if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access })
        {
            return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End));
        }

        return syntax.GetLocation();
    }

    private (PipelineKind Kind, bool IsWebApplication) Classify(ISymbol builder)
    {
        var type = builder switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };
        var isWebApplication = _webApplication is not null && SymbolEqualityComparer.Default.Equals(type, _webApplication);
        if (builder is IParameterSymbol p && p.ContainingSymbol is IMethodSymbol method)
        {
            if (method.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction)
            {
                return (PipelineKind.Branch, isWebApplication);
            }

            if (method.IsExtensionMethod && p.Ordinal == 0)
            {
                return (PipelineKind.Wrapper, isWebApplication);
            }

            return (PipelineKind.Startup, isWebApplication);
        }

        return (PipelineKind.Application, isWebApplication);
    }
}
