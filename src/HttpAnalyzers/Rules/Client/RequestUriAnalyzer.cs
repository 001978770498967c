using System;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Client;

/// <summary>
/// Request URIs and base addresses: HTTP0044 (a <c>BaseAddress</c> whose path does not end with '/', or a request URI
/// with a leading '/' on a client whose BaseAddress has a path), HTTP0045 (a credential in the query string) and
/// HTTP0049 (a relative request URI on a client without BaseAddress). The client's BaseAddress comes from
/// <see cref="ClientBaseAddresses"/> (the variable's own assignments, or the typed or named client's registrations).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequestUriAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Option of HTTP0045: the query parameter names that carry a credential.</summary>
    public const string CredentialQueryNamesOption = "credential_query_names";

    private static readonly ImmutableArray<string> DefaultCredentialNames = ImmutableArray.Create(
        "api_key", "apikey", "api-key", "access_token", "auth_token", "token", "password", "passwd", "pwd", "secret", "client_secret");

    private static readonly ImmutableDictionary<string, string?> AddSlash = ClientFixData.Properties(ClientFixData.AddTrailingSlash);
    private static readonly ImmutableDictionary<string, string?> DropSlash = ClientFixData.Properties(ClientFixData.DropLeadingSlash);

    /// <summary>
    /// The words of a file that can hold a finding: a send by name, a created <c>HttpRequestMessage</c> (named in the
    /// creation or the declaration a target-typed <c>new()</c> takes it from), a <c>RequestUri</c> or <c>BaseAddress</c> set.
    /// </summary>
    private static readonly FileWords Files = new([.. ClientUses.SendNames, "HttpRequestMessage", "RequestUri", "BaseAddress"]);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.BaseAddressPathDropped, Descriptors.CredentialInQueryString, Descriptors.RelativeUriWithoutBaseAddress);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            if (types.HttpClient is null || types.Uri is null)
            {
                return;
            }

            var analysis = new Analysis(types);
            // Only the types of files that can hold a finding have the actions (Files). HTTP0045 and HTTP0049 report a URI
            // held in an earlier local at that local's initializer, from the send that uses it: the type's whole
            // declaration is local to its actions (TypeScopedActions), so the open document shows them.
            start.RegisterForTypes(Files.AnyDeclaration, type =>
            {
                type.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                type.RegisterOperationAction(analysis.AnalyzeCreation, OperationKind.ObjectCreation);
                type.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
            });
        });
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;

        public Analysis(KnownTypes types) => _types = types;

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!ClientUses.IsSendName(invocation.TargetMethod.Name) || ClientUses.ClientOfSend(invocation, _types) is not { } client ||
                RequestUris.Candidate(invocation, _types) is not { } argument || UriValue.Of(argument.Value, _types) is not { } uri)
            {
                return;
            }

            // The candidate is confirmed (the body scanned for the request local's other values) only before a finding is reported.
            if (ReferenceEquals(argument.Parent, invocation))
            {
                CheckCredential(context, argument.Value, uri);
            }

            if (uri.Form != UriForm.Relative)
            {
                return;
            }

            var baseAddress = ClientBaseAddresses.Of(client, _types, context.Compilation, context.CancellationToken);
            switch (baseAddress.State)
            {
                case BaseAddressState.NotSet when RequestUris.Of(invocation, _types) is not null:
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RelativeUriWithoutBaseAddress, argument.Value.Syntax.GetLocation(), uri.Display, baseAddress.Client));
                    break;
                case BaseAddressState.Set when uri.HasLeadingSlash && UriValue.Of(baseAddress.Value, _types) is { Shape.ConstantValue: { } baseText } &&
                                               UriValue.PathOf(baseText) is { Length: > 1 } path && RequestUris.Of(invocation, _types) is not null:
                    var editable = uri.ThroughLocal ? null : Editable(uri.Text);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.BaseAddressPathDropped,
                        argument.Value.Syntax.GetLocation(),
                        editable is null ? null : ImmutableArray.Create(editable.GetLocation()),
                        editable is null ? null : DropSlash,
                        "Request URI '" + uri.Display + "' starts with '/', which replaces the whole path of the BaseAddress '" + baseText + "' of " + baseAddress.Client,
                        path,
                        "drop the leading '/'"));
                    break;
            }
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            // The type's name first: most creations are of other types, and the name rules them out before a symbol comparison.
            if (creation.Type is { Name: "HttpRequestMessage" } type && type.Is(_types.HttpRequestMessage) && creation.GetArgument("requestUri") is { } argument && UriValue.Of(argument.Value, _types) is { } uri)
            {
                CheckCredential(context, argument.Value, uri);
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target)
            {
                return;
            }

            switch (target.Property.Name)
            {
                case "RequestUri" when target.Property.ContainingType.Is(_types.HttpRequestMessage):
                    if (UriValue.Of(assignment.Value, _types) is { } requestUri)
                    {
                        CheckCredential(context, assignment.Value, requestUri);
                    }

                    break;
                case "BaseAddress" when target.Property.ContainingType.Is(_types.HttpClient):
                    CheckBaseAddress(context, assignment.Value);
                    break;
            }
        }

        /// <summary>HTTP0044: a BaseAddress whose visible path does not end with '/'.</summary>
        private void CheckBaseAddress(OperationAnalysisContext context, IOperation value)
        {
            if (UriValue.Of(value, _types) is not { Form: UriForm.Absolute } uri || uri.ThroughLocal)
            {
                return;
            }

            string? lost;
            if (uri.Shape.ConstantValue is { } text)
            {
                var path = UriValue.PathOf(text);
                if (path is null || path.Length == 0 || path[path.Length - 1] == '/' || text.IndexOfAny(UriValue.QueryOrFragment) >= 0)
                {
                    return;
                }

                lost = path.Substring(path.LastIndexOf('/') + 1);
            }
            else
            {
                // $"https://{host}/v1": the text after the last hole holds a path segment without the trailing slash.
                var trailing = uri.Shape.TrailingText;
                var slash = trailing.LastIndexOf('/');
                if (slash < 0 || slash == trailing.Length - 1 || trailing.IndexOfAny(UriValue.QueryOrFragment) >= 0 || uri.Shape.Parts.Length < 2)
                {
                    return;
                }

                lost = trailing.Substring(slash + 1);
            }

            var editable = Editable(uri.Text);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.BaseAddressPathDropped,
                uri.Text.Syntax.GetLocation(),
                editable is null ? null : ImmutableArray.Create(editable.GetLocation()),
                editable is null ? null : AddSlash,
                "BaseAddress '" + uri.Display + "' does not end with '/': a relative request URI replaces its last segment",
                lost,
                "end it with '/'"));
        }

        /// <summary>The string literal or interpolated string a fix can edit, or null.</summary>
        private static SyntaxNode? Editable(IOperation text)
        {
            return text.Syntax switch
            {
                LiteralExpressionSyntax literal when literal.Token.IsKind(SyntaxKind.StringLiteralToken) => literal,
                InterpolatedStringExpressionSyntax interpolated when interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken) ||
                                                                    interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken) => interpolated,
                _ => null,
            };
        }

        /// <summary>HTTP0045: a credential parameter in the query of a request URI.</summary>
        private void CheckCredential(OperationAnalysisContext context, IOperation argument, UriValue uri)
        {
            var parts = uri.Shape.Parts;
            if (!HasQuery(parts))
            {
                return; // no query: no parameter name to check (most request URIs)
            }

            var query = false;
            string? found = null;
            var name = new System.Text.StringBuilder();
            var inName = false;
            var nameHasHole = false;
            foreach (var part in parts)
            {
                if (!part.IsText)
                {
                    nameHasHole |= inName;
                    inName = false;
                    continue;
                }

                foreach (var c in part.Text!)
                {
                    if (!query)
                    {
                        if (c == '?')
                        {
                            query = true;
                            inName = true;
                            name.Clear();
                            nameHasHole = false;
                        }

                        continue;
                    }

                    if (c == '#')
                    {
                        Complete(ref found, name, inName && !nameHasHole, context, uri.Text.Syntax.SyntaxTree, out var presigned);
                        if (presigned)
                        {
                            return;
                        }

                        inName = false;
                        query = false;
                        break;
                    }

                    if (c == '&' || c == '=')
                    {
                        if (inName)
                        {
                            Complete(ref found, name, !nameHasHole, context, uri.Text.Syntax.SyntaxTree, out var presigned);
                            if (presigned)
                            {
                                return;
                            }
                        }

                        inName = c == '&';
                        name.Clear();
                        nameHasHole = false;
                        continue;
                    }

                    if (inName)
                    {
                        name.Append(c);
                    }
                }
            }

            if (inName && query)
            {
                Complete(ref found, name, !nameHasHole, context, uri.Text.Syntax.SyntaxTree, out var presigned);
                if (presigned)
                {
                    return;
                }
            }

            if (found is null || (uri.ThroughLocal && !IsFirstUriUse(argument, uri.Local!)))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CredentialInQueryString, Holder(uri.Text, found).Syntax.GetLocation(), found));
        }

        /// <summary>Whether a text part holds a '?' (the start of a query).</summary>
        private static bool HasQuery(ImmutableArray<StringPart> parts)
        {
            foreach (var part in parts)
            {
                if (part.IsText && part.Text!.IndexOf('?') >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Checks one complete parameter name; <paramref name="presigned"/> is set by a signature parameter (a pre-signed URL).</summary>
        private static void Complete(ref string? found, System.Text.StringBuilder name, bool visible, OperationAnalysisContext context, SyntaxTree tree, out bool presigned)
        {
            presigned = false;
            if (!visible || name.Length == 0)
            {
                return;
            }

            var text = name.ToString().Trim();
            if (text.Equals("sig", StringComparison.OrdinalIgnoreCase) || text.Equals("Signature", StringComparison.OrdinalIgnoreCase) ||
                text.Equals("X-Amz-Signature", StringComparison.OrdinalIgnoreCase))
            {
                presigned = true;
                return;
            }

            if (found is null && Options.Contains(Options.GetList(context.Options, tree, DiagnosticIds.CredentialInQueryString, CredentialQueryNamesOption, DefaultCredentialNames), text))
            {
                found = text;
            }
        }

        /// <summary>The literal part of a concatenation that holds the parameter name, or the whole string expression.</summary>
        private static IOperation Holder(IOperation text, string name)
        {
            if (text is not IBinaryOperation)
            {
                return text;
            }

            foreach (var operation in OperationWalk.Of(text))
            {
                if (operation is ILiteralOperation { ConstantValue.Value: string } or IInterpolatedStringOperation &&
                    operation.Syntax.ToString().IndexOf(name + "=", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return operation;
                }
            }

            return text;
        }

        /// <summary>Whether <paramref name="argument"/> is the first use of <paramref name="local"/> as a request URI in the body, so that a URI held in a local is reported once.</summary>
        private bool IsFirstUriUse(IOperation argument, ILocalSymbol local)
        {
            var position = argument.Syntax.SpanStart;
            foreach (var operation in OperationWalk.Below(argument.GetRoot()))
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                    reference.Syntax.SpanStart < position && IsUriUse(reference))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsUriUse(IOperation reference)
        {
            for (var current = reference.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IConversionOperation:
                        continue;
                    case IArgumentOperation { Parent: IObjectCreationOperation creation } when creation.Type.Is(_types.Uri):
                        current = creation;
                        continue;
                    case IArgumentOperation argument:
                        return argument.Parameter?.Name == "requestUri";
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RequestUri" } }:
                        return true;
                    default:
                        return false;
                }
            }

            return false;
        }
    }
}
