using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>
/// HTTP0040 (streamed body read from a buffered response), HTTP0046 (ResponseHeadersRead response never disposed) and
/// HTTP0048 (body deserialized without a status check): one walk of each send's response with <see cref="ResponseLifetimes"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResponseLifetimeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The words of a file that can hold a finding: a send or a JSON read, by the names <see cref="ResponseLifetimes.ClassifyName"/> knows.</summary>
    private static readonly FileWords Files = new([.. ClientUses.SendNames, "ReadFromJsonAsync", "ReadFromJsonAsAsyncEnumerable", "Deserialize", "DeserializeAsync"]);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.StreamedResponseBuffered,
        Descriptors.StreamedResponseNotDisposed,
        Descriptors.ResponseDeserializedWithoutStatusCheck);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var model = ResponseLifetimes.Create(KnownTypes.Get(start.Compilation));
            if (model is null)
            {
                return;
            }

            // Only the types of files that call a send or a JSON read by name have the action (TypeScopedActions).
            var analysis = new Analysis(model);
            start.RegisterForTypes(Files.AnyDeclaration, type => type.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation));
        });
    }

    private sealed class Analysis
    {
        private static readonly ImmutableDictionary<string, string?> OptionOnly = ClientFixData.Properties(ClientFixData.AddOption);
        private static readonly ImmutableDictionary<string, string?> OptionAndUsing = ClientFixData.Properties(ClientFixData.AddOptionAndUsing);
        private static readonly ImmutableDictionary<string, string?> UsingOnly = ClientFixData.Properties(ClientFixData.MakeUsing);

        private readonly ResponseLifetimes _model;

        public Analysis(ResponseLifetimes model) => _model = model;

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var kind = ResponseLifetimes.ClassifyName(invocation.TargetMethod.Name);
            if (kind == CallName.JsonRead)
            {
                AnalyzeRead(context, invocation);
                return;
            }

            if (kind != CallName.Send || !_model.IsSend(invocation))
            {
                return;
            }

            // The response is walked only when one of the two rules can apply to this send: HTTP0046 to a streamed response,
            // HTTP0040 to a buffered one whose body this file may read incrementally, or whose request asks for an event stream.
            // The request is looked at last (its answer kept), only when the cheaper tests leave it to decide.
            var option = ResponseLifetimes.GetCompletionOption(invocation);
            var buffered = option is CompletionOption.NotPassed or CompletionOption.ContentRead && ResponseLifetimes.HasCompletionOverload(invocation);
            bool? eventStream = null;
            if (option == CompletionOption.HeadersRead)
            {
                // Only HTTP0046 applies, to a response not disposed: one that goes straight into a 'using' needs no walk.
                if (_model.IsDisposedByUsing(invocation))
                {
                    return;
                }
            }
            else
            {
                if (!buffered)
                {
                    return;
                }

                if (!ResponseLifetimes.MayReadIncrementally(invocation.Syntax.SyntaxTree, context.CancellationToken))
                {
                    eventStream = _model.RequestsEventStream(invocation);
                    if (eventStream == false)
                    {
                        return;
                    }
                }
            }

            var facts = _model.Analyze(invocation);
            var name = invocation.TargetMethod.Name;

            if (option == CompletionOption.HeadersRead && facts.Disposal == Disposal.NotDisposed)
            {
                var canUse = facts.PlainDeclaration is not null && !facts.Reassigned && facts.ResponseDisposal == Disposal.NotDisposed;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.StreamedResponseNotDisposed,
                    invocation.NameLocation(),
                    canUse ? ImmutableArray.Create(facts.PlainDeclaration!.GetLocation()) : ImmutableArray<Location>.Empty,
                    canUse ? UsingOnly : null,
                    name));
            }

            if (buffered)
            {
                var reader = facts.IncrementalReader ??
                             ((eventStream ?? _model.RequestsEventStream(invocation)) ? "the event-stream reader ('Accept: text/event-stream')" : null);
                if (reader is not null)
                {
                    ReportBuffered(context, invocation, facts, name, reader);
                }
            }
        }

        /// <summary>HTTP0048, reported from the read's own callback so that it shows wherever the read is analysed.</summary>
        private void AnalyzeRead(OperationAnalysisContext context, IInvocationOperation read)
        {
            var send = _model.FindSendOfRead(read);
            if (send is null)
            {
                return;
            }

            var facts = _model.Analyze(send);
            if (facts.StatusChecked || facts.HandedOn)
            {
                return;
            }

            foreach (var candidate in facts.JsonReads)
            {
                if (candidate.Invocation.Syntax == read.Syntax)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.ResponseDeserializedWithoutStatusCheck,
                        MethodNameLocation(read),
                        facts.Local is { } local ? ImmutableDictionary<string, string?>.Empty.Add(ClientFixData.Response, local.Name) : null,
                        read.TargetMethod.Name,
                        send.TargetMethod.Name,
                        candidate.Type is null ? "the success type" : "'" + candidate.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "'"));
                    return;
                }
            }
        }

        /// <summary>The method's identifier without its type arguments (<c>ReadFromJsonAsync</c> in <c>ReadFromJsonAsync&lt;Order&gt;()</c>).</summary>
        private static Location MethodNameLocation(IInvocationOperation invocation)
        {
            var name = invocation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call
                ? call.Expression switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name,
                    Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding => binding.Name,
                    Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple,
                    _ => null,
                }
                : null;
            return name is null ? invocation.Syntax.GetLocation() : name.Identifier.GetLocation();
        }

        private static void ReportBuffered(OperationAnalysisContext context, IInvocationOperation invocation, ResponseFacts facts, string name, string reader)
        {
            // The fix must not leave a ResponseHeadersRead response undisposed (HTTP0046).
            // Additional locations: the send, the declaration to make 'using' (OptionAndUsing), an explicit option to replace.
            ImmutableDictionary<string, string?>? properties = null;
            var locations = ImmutableArray<Location>.Empty;
            if (facts.PlainDeclaration is not null && !facts.Reassigned && facts.ResponseDisposal == Disposal.NotDisposed &&
                facts.Disposal is Disposal.NotDisposed or Disposal.Disposed)
            {
                properties = OptionAndUsing;
                locations = ImmutableArray.Create(invocation.Syntax.GetLocation(), facts.PlainDeclaration.GetLocation());
            }
            else if (facts.Disposal != Disposal.NotDisposed)
            {
                properties = OptionOnly;
                locations = ImmutableArray.Create(invocation.Syntax.GetLocation());
            }

            if (properties is not null && invocation.GetArgument("completionOption") is { IsImplicit: false, Syntax: { } explicitOption })
            {
                properties = properties.Add(ClientFixData.ExistingOption, ClientFixData.True);
                locations = locations.Add(explicitOption.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StreamedResponseBuffered, invocation.NameLocation(), locations, properties, name, reader));
        }
    }
}
