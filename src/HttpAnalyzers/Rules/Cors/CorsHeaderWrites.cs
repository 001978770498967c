using System;
using System.Collections.Generic;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Cors;

/// <summary>A write of one header on an <c>IHeaderDictionary</c>: indexer assignment, typed property, Append/Add/TryAdd.</summary>
internal readonly struct HeaderWrite
{
    public HeaderWrite(IOperation operation, string name, IOperation? value, IOperation headers)
    {
        Operation = operation;
        Name = name;
        Value = value;
        Headers = headers;
    }

    /// <summary>The assignment or invocation.</summary>
    public IOperation Operation { get; }

    public string Name { get; }

    public IOperation? Value { get; }

    /// <summary>The header dictionary written to (<c>context.Response.Headers</c>).</summary>
    public IOperation Headers { get; }
}

/// <summary>Reads header writes and reads of the request's <c>Origin</c> header, by symbol.</summary>
internal sealed class CorsHeaderWrites
{
    public const string AllowOrigin = "Access-Control-Allow-Origin";
    public const string AllowCredentials = "Access-Control-Allow-Credentials";
    public const string Vary = "Vary";
    public const string Origin = "Origin";

    private readonly INamedTypeSymbol _headerDictionary;
    private readonly INamedTypeSymbol? _headerNames;

    public CorsHeaderWrites(INamedTypeSymbol headerDictionary, INamedTypeSymbol? headerNames)
    {
        _headerDictionary = headerDictionary;
        _headerNames = headerNames;
    }

    /// <summary>
    /// The header name an expression holds: a constant, or a <c>HeaderNames</c> field (static readonly, not constant), whose
    /// names follow the header (<c>AccessControlAllowOrigin</c> = <c>Access-Control-Allow-Origin</c>).
    /// </summary>
    public string? HeaderName(IOperation operation) => HeaderModel.ReadHeaderName(operation, _headerNames);

    private bool IsHeaders(IOperation? operation)
        => operation?.Type is { } type &&
           (SymbolEqualityComparer.Default.Equals(type, _headerDictionary) || type.IsOrImplements(_headerDictionary));

    private static bool IsCorsHeader(string name)
        => string.Equals(name, AllowOrigin, StringComparison.OrdinalIgnoreCase) ||
           string.Equals(name, AllowCredentials, StringComparison.OrdinalIgnoreCase) ||
           string.Equals(name, Vary, StringComparison.OrdinalIgnoreCase);

    /// <summary>The write of Access-Control-Allow-Origin, Access-Control-Allow-Credentials or Vary that <paramref name="operation"/> performs, if any.</summary>
    public bool TryGetWrite(IOperation operation, out HeaderWrite write)
    {
        write = default;
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
            {
                string? name;
                if (property.Property.IsIndexer)
                {
                    name = property.Arguments.Length == 1 ? HeaderName(property.Arguments[0].Value) : null;
                }
                else
                {
                    name = property.Property.Name switch
                    {
                        "AccessControlAllowOrigin" => AllowOrigin,
                        "AccessControlAllowCredentials" => AllowCredentials,
                        "Vary" => Vary,
                        _ => null,
                    };
                }

                var headers = property.Instance?.WalkDownConversions();
                if (name is null || !IsCorsHeader(name) || headers is null || !IsHeaders(headers))
                {
                    return false;
                }

                write = new HeaderWrite(operation, name, assignment.Value, headers);
                return true;
            }

            case IInvocationOperation invocation:
            {
                switch (invocation.TargetMethod.Name)
                {
                    case "Append":
                    case "Add":
                    case "TryAdd":
                    case "AppendCommaSeparatedValues":
                    case "SetCommaSeparatedValues":
                        break;
                    default:
                        return false;
                }

                var first = invocation.Instance is null ? 1 : 0;
                var arguments = invocation.Arguments;
                if (arguments.Length < first + 2 || HeaderName(arguments[first].Value) is not { } key || !IsCorsHeader(key))
                {
                    return false;
                }

                var headers = invocation.GetReceiverOrThisArgument();
                if (headers is null || !IsHeaders(headers))
                {
                    return false;
                }

                write = new HeaderWrite(operation, key, arguments[first + 1].Value, headers);
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>A read of the request's <c>Origin</c> header: <c>Headers.Origin</c>, <c>Headers["Origin"]</c>, <c>Headers[HeaderNames.Origin]</c>.</summary>
    public bool IsOriginRead(IOperation operation)
    {
        if (operation is not IPropertyReferenceOperation property || !IsHeaders(property.Instance?.WalkDownConversions()))
        {
            return false;
        }

        if (property.Property.IsIndexer)
        {
            return property.Arguments.Length == 1 &&
                   HeaderName(property.Arguments[0].Value) is { } key &&
                   string.Equals(key, Origin, StringComparison.OrdinalIgnoreCase);
        }

        return property.Property.Name == Origin;
    }

    /// <summary>
    /// <c>TryGetValue("Origin", out var origin)</c> on a header dictionary: the local that receives the value.
    /// </summary>
    public ILocalSymbol? OriginTryGetValueTarget(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name != "TryGetValue" || !IsHeaders(invocation.GetReceiverOrThisArgument()))
        {
            return null;
        }

        var first = invocation.Instance is null ? 1 : 0;
        if (invocation.Arguments.Length < first + 2 ||
            HeaderName(invocation.Arguments[first].Value) is not { } key ||
            !string.Equals(key, Origin, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return invocation.Arguments[first + 1].Value switch
        {
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
    }
}

/// <summary>
/// The CORS-relevant facts of one body (method, top-level statements): which locals hold the request's Origin, whether
/// the Origin is compared against anything, and the header writes.
/// </summary>
internal sealed class CorsBodyFacts
{
    private readonly CorsHeaderWrites _writes;
    private readonly HashSet<ILocalSymbol> _originLocals = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _directOriginLocals = new(SymbolEqualityComparer.Default);

    private CorsBodyFacts(CorsHeaderWrites writes) => _writes = writes;

    public List<HeaderWrite> Writes { get; } = new();

    /// <summary>The Origin (or a local holding it) is compared with something: an allow-list, a constant, a pattern.</summary>
    public bool OriginIsChecked { get; private set; }

    public static CorsBodyFacts Of(IOperation root, CorsHeaderWrites writes)
    {
        var facts = new CorsBodyFacts(writes);
        var operations = new List<IOperation>();
        var readsOrigin = false;
        foreach (var operation in OperationWalk.Of(root))
        {
            operations.Add(operation);
            if (!readsOrigin && (writes.IsOriginRead(operation) || operation is IInvocationOperation { TargetMethod.Name: "TryGetValue" }))
            {
                readsOrigin = true;
            }
        }

        if (!readsOrigin)
        {
            foreach (var operation in operations)
            {
                if (writes.TryGetWrite(operation, out var write))
                {
                    facts.Writes.Add(write);
                }
            }

            return facts;
        }

        // Two passes: a local is "origin" when it is assigned a value derived from the Origin header or another origin local.
        for (var pass = 0; pass < 3; pass++)
        {
            var changed = false;
            foreach (var operation in operations)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator:
                        changed |= facts.Taint(declarator.Symbol, value);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                        changed |= facts.Taint(local.Local, assignment.Value);
                        break;
                    case IInvocationOperation invocation when writes.OriginTryGetValueTarget(invocation) is { } target:
                        changed |= facts._originLocals.Add(target) | facts._directOriginLocals.Add(target);
                        break;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        foreach (var operation in operations)
        {
            if (writes.TryGetWrite(operation, out var write))
            {
                facts.Writes.Add(write);
            }
            else if (!facts.OriginIsChecked && facts.IsOriginValue(operation) && IsComparison(operation))
            {
                facts.OriginIsChecked = true;
            }
        }

        return facts;
    }

    private bool Taint(ILocalSymbol local, IOperation value)
    {
        if (_originLocals.Contains(local) || !DependsOnOrigin(value))
        {
            return false;
        }

        _originLocals.Add(local);
        if (IsDirectOrigin(value))
        {
            _directOriginLocals.Add(local);
        }

        return true;
    }

    private bool IsOriginValue(IOperation operation)
        => _writes.IsOriginRead(operation) || (operation is ILocalReferenceOperation local && _originLocals.Contains(local.Local));

    /// <summary>The value is computed from the request's Origin (directly, through a local, or chosen by it).</summary>
    public bool DependsOnOrigin(IOperation? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var operation in OperationWalk.Of(value))
        {
            if (IsOriginValue(operation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value IS the request's Origin (possibly through conversions, <c>ToString()</c> or a local that holds it).</summary>
    public bool IsDirectOrigin(IOperation? value)
    {
        for (var i = 0; i < 8 && value is not null; i++)
        {
            value = value.WalkDownConversions();
            if (_writes.IsOriginRead(value) || (value is ILocalReferenceOperation local && _directOriginLocals.Contains(local.Local)))
            {
                return true;
            }

            value = value switch
            {
                IInvocationOperation { TargetMethod.Name: "ToString" or "FirstOrDefault" or "First" } invocation => invocation.GetReceiverOrThisArgument(),
                ICoalesceOperation coalesce => coalesce.Value,
                IConditionalAccessOperation access => access.Operation,
                _ => null,
            };
        }

        return false;
    }

    /// <summary>
    /// The Origin value may take part in a check: anything but a copy (into a local, a header or a string being built) or a
    /// presence test (null, empty, length) — <c>==</c> with a value, a pattern, a switch, <c>new Uri(origin)</c>, or an argument
    /// to / receiver of a call other than null checks, conversions and logging (Contains, Equals, IsMatch, StartsWith…).
    /// </summary>
    private static bool IsComparison(IOperation origin)
    {
        var current = origin;
        var parent = current.Parent;
        while (true)
        {
            if (parent is IConversionOperation || (parent is IInvocationOperation { TargetMethod.Name: "ToString" } toString && ReferenceEquals(toString.Instance, current)))
            {
                current = parent;
                parent = current.Parent;
                continue;
            }

            break;
        }

        switch (parent)
        {
            // Copies: into a local (whose own uses are examined), into a header, into a string being built (a log line).
            case IVariableInitializerOperation:
            case ISimpleAssignmentOperation:
            case IDeclarationExpressionOperation:
            case IArgumentOperation { Parameter.RefKind: RefKind.Out }:
            case IInterpolationOperation:
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
            // Presence tests: null/empty comparisons, length.
            case IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } or INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } }:
            case IPropertyReferenceOperation { Property.Name: "Length" or "Count" }:
                return false;
            case IBinaryOperation binary:
                var other = ReferenceEquals(binary.LeftOperand, current) ? binary.RightOperand : binary.LeftOperand;
                return !(other.WalkDownConversions().ConstantValue is { HasValue: true } constant && (constant.Value is null || constant.Value is string { Length: 0 }));
            case IArgumentOperation { Parent: IInvocationOperation invocation }:
                return IsCheckingCall(invocation);
            case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                return IsCheckingCall(invocation);
            default:
                // Any other use (a switch, a pattern, new Uri(origin), a return): the analysis cannot tell, so it counts as a check.
                return true;
        }
    }

    private static bool IsCheckingCall(IInvocationOperation invocation) => invocation.TargetMethod.Name switch
    {
        "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "ToString" or "Append" or "Add" or "TryAdd" or "AppendCommaSeparatedValues" or "SetCommaSeparatedValues"
            or "Log" or "LogInformation" or "LogDebug" or "LogWarning" or "LogTrace" or "WriteLine" or "Format" or "Concat" => false,
        _ => true,
    };
}
