using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>
/// HTTP0041 (a content header added to, or removed from, <c>HttpRequestHeaders</c>) and HTTP0042
/// (<c>DefaultRequestHeaders</c> of a shared client changed outside the code that creates it).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequestHeadersAnalyzer : DiagnosticAnalyzer
{
    /// <summary>HTTP0041 property: the fix (<see cref="SetContentType"/> or <see cref="MoveToContent"/>); absent when no safe fix exists.</summary>
    public const string FixProperty = "Fix";

    /// <summary>HTTP0041: <c>request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value)</c>.</summary>
    public const string SetContentType = "ContentType";

    /// <summary>HTTP0041: the same call on <c>request.Content.Headers</c>.</summary>
    public const string MoveToContent = "ContentHeaders";

    /// <summary>HTTP0042 property: the send to rewrite as <c>SendAsync(request)</c> is additional location 0; the value is its HTTP method (<c>Get</c>).</summary>
    public const string SendMethodProperty = "SendMethod";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.ContentHeaderOnRequest,
        Descriptors.SharedDefaultRequestHeadersChanged);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            var headers = RequestHeaders.Create(types);
            if (headers is null)
            {
                return;
            }

            var analysis = new Analysis(headers);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
        });
    }

    private sealed class Analysis
    {
        private static readonly ImmutableDictionary<string, string?> ContentTypeFix = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, SetContentType);
        private static readonly ImmutableDictionary<string, string?> ContentHeadersFix = ImmutableDictionary<string, string?>.Empty.Add(FixProperty, MoveToContent);

        private readonly RequestHeaders _headers;

        public Analysis(RequestHeaders headers) => _headers = headers;

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            switch (invocation.TargetMethod.Name)
            {
                case "Add":
                case "TryAddWithoutValidation":
                case "Remove":
                    AnalyzeContentHeader(context, invocation);
                    break;
                case "Clear":
                case "ParseAdd":
                case "TryParseAdd":
                    break;
                default:
                    return;
            }

            if (_headers.GetDefaultHeadersMutation(invocation) is { } defaultHeaders)
            {
                AnalyzeSharedClient(context, invocation, defaultHeaders, "'" + invocation.TargetMethod.Name + "'");
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Instance: { } instance } property &&
                property.Property.ContainingType.InheritsFromOrEquals(_headers.RequestHeadersType) &&
                _headers.AsDefaultRequestHeaders(instance) is { } defaultHeaders)
            {
                AnalyzeSharedClient(context, assignment, defaultHeaders, "Setting '" + property.Property.Name + "'");
            }
        }

        private void AnalyzeContentHeader(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (!_headers.IsContentHeaderCall(invocation, out var name, out var nameArgument))
            {
                return;
            }

            var instance = invocation.Instance!.WalkDownConversions();
            var onDefault = _headers.AsDefaultRequestHeaders(instance) is not null;
            var method = invocation.TargetMethod.Name;
            var fix = onDefault ? null : _headers.ContentFix(invocation, name);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ContentHeaderOnRequest,
                nameArgument.Syntax.GetLocation(),
                fix == SetContentType ? ContentTypeFix : fix == MoveToContent ? ContentHeadersFix : null,
                name,
                "'" + method + "'",
                onDefault ? "HttpClient.DefaultRequestHeaders" : "the request headers",
                method == "TryAddWithoutValidation" ? "returns false and the header is never sent" : "throws InvalidOperationException ('Misused header name')"));
        }

        private void AnalyzeSharedClient(OperationAnalysisContext context, IOperation mutation, IPropertyReferenceOperation defaultHeaders, string what)
        {
            var client = _headers.SharedClient(defaultHeaders, context.ContainingSymbol);
            if (client is null || _headers.IsSetupCode(mutation, context.ContainingSymbol))
            {
                return;
            }

            var send = _headers.SingleSendAfter(mutation, client, out var httpMethod);
            var name = defaultHeaders.Syntax is MemberAccessExpressionSyntax member ? member.Name.GetLocation() : defaultHeaders.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SharedDefaultRequestHeadersChanged,
                name,
                send is null ? ImmutableArray<Location>.Empty : ImmutableArray.Create(send.Syntax.GetLocation()),
                send is null ? null : ImmutableDictionary<string, string?>.Empty.Add(SendMethodProperty, httpMethod),
                what,
                client.Name,
                ContainingName(context.ContainingSymbol)));
        }

        private static string ContainingName(ISymbol symbol) => symbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } accessor
            ? accessor.AssociatedSymbol?.Name ?? symbol.Name
            : symbol.Name;
    }
}
