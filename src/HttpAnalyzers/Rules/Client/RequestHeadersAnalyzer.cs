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
            // Only the types of files that can hold a finding have the actions (TypeScopedActions).
            start.RegisterForTypes(Analysis.Files.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                type.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
            });
        });
    }

    private sealed class Analysis
    {
        /// <summary>
        /// The words of a file that can hold a finding: a shared client's headers are changed through its
        /// <c>DefaultRequestHeaders</c> property, and a content header added to a request is named as a string
        /// (<c>"Content-Type"</c>, <c>"Last-Modified"</c>, in any usual case) or a property (<c>HeaderNames.ContentType</c>).
        /// A name held in a constant declared in another file is not seen.
        /// </summary>
        public static readonly FileWords Files = new(
            "DefaultRequestHeaders", "Content", "content", "CONTENT", "Expires", "expires", "EXPIRES", "Modified", "modified", "MODIFIED", "Allow", "allow", "ALLOW",
            "ContentType", "ContentLength", "ContentEncoding", "ContentLanguage", "ContentLocation", "ContentMD5", "ContentRange", "ContentDisposition", "LastModified");

        private static readonly ImmutableDictionary<string, string?> ContentTypeFix = ClientFixData.Properties(ClientFixData.SetContentType);
        private static readonly ImmutableDictionary<string, string?> ContentHeadersFix = ClientFixData.Properties(ClientFixData.MoveToContent);

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
                property.Property.ContainingType.Is(_headers.RequestHeadersType) && // sealed: no base-type walk per assignment
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
                fix is null ? ImmutableArray<Location>.Empty : ImmutableArray.Create(invocation.Syntax.GetLocation()),
                fix == ClientFixData.SetContentType ? ContentTypeFix : fix == ClientFixData.MoveToContent ? ContentHeadersFix : null,
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
            var locations = ImmutableArray<Location>.Empty;
            var properties = send is null ? null : SendFix(send, httpMethod, out locations);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SharedDefaultRequestHeadersChanged,
                name,
                locations,
                properties,
                what,
                client.Name,
                ContainingName(context.ContainingSymbol)));
        }

        /// <summary>HTTP0042's fix data: the send, its URI and its explicit content, option and token arguments (<see cref="ClientFixData.SendMethod"/>).</summary>
        private static ImmutableDictionary<string, string?>? SendFix(IInvocationOperation send, string? httpMethod, out ImmutableArray<Location> locations)
        {
            locations = ImmutableArray<Location>.Empty;
            if (send.GetArgument("requestUri") is not { Syntax: ArgumentSyntax uri })
            {
                return null;
            }

            var builder = ImmutableArray.CreateBuilder<Location>(5);
            builder.Add(send.Syntax.GetLocation());
            builder.Add(uri.GetLocation());
            var present = string.Empty;
            if (send.GetArgument("content") is { Syntax: ArgumentSyntax content })
            {
                builder.Add(content.GetLocation());
                present += "C";
            }

            if (send.GetArgument("completionOption") is { IsImplicit: false, Syntax: ArgumentSyntax option })
            {
                builder.Add(option.GetLocation());
                present += "O";
            }

            if (send.GetArgument("cancellationToken") is { IsImplicit: false, Syntax: ArgumentSyntax token })
            {
                builder.Add(token.GetLocation());
                present += "T";
            }

            locations = builder.ToImmutable();
            var properties = ImmutableDictionary<string, string?>.Empty.Add(ClientFixData.SendMethod, httpMethod).Add(ClientFixData.SendArguments, present);

            // Disposed at the end of the method only when the send is awaited there: a returned task still uses the message.
            return send.WalkUpConversions() is IAwaitOperation || send.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Parent: IAwaitOperation }
                ? properties.Add(ClientFixData.SendAwaited, ClientFixData.True)
                : properties;
        }

        private static string ContainingName(ISymbol symbol) => symbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } accessor
            ? accessor.AssociatedSymbol?.Name ?? symbol.Name
            : symbol.Name;
    }
}
