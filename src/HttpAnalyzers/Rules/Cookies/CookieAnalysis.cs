using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace HttpAnalyzers.Rules.Cookies;

/// <summary>The per-compilation state of <see cref="CookieAnalyzer"/>: the cookie sites seen and the cookie policy.</summary>
internal sealed class CookieAnalysis
{
    private const string ScriptReadableOption = "script_readable_cookie_names";
    private static readonly ImmutableArray<string> DefaultScriptReadable = ImmutableArray.Create("xsrf", "csrf");

    private readonly CookieSymbols _symbols;
    private readonly ConcurrentQueue<Pending> _pending = new();
    private int _useCookiePolicy;
    private int _policySecure;
    private int _policyHttpOnly;

    public CookieAnalysis(CookieSymbols symbols) => _symbols = symbols;

    private enum Exemption
    {
        /// <summary>Never exempted (hand-written headers, Domain and Path of prefixed cookies).</summary>
        None,

        /// <summary>Exempted by a cookie policy with <c>Secure = CookieSecurePolicy.Always</c>.</summary>
        Secure,

        /// <summary>Exempted by a cookie policy with <c>HttpOnly = HttpOnlyPolicy.Always</c>.</summary>
        HttpOnly,
    }

    private enum ValueState
    {
        Absent,
        Good,
        Bad,
        Unknown,
    }

    // ---------------------------------------------------------------- entry points

    public void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Append":
                if (_symbols.IsResponseCookiesMethod(method, "Append"))
                {
                    AnalyzeCookieCall(context, invocation, deletion: false);
                }
                else
                {
                    AnalyzeHeaderCall(context, invocation);
                }

                break;
            case "Delete":
                if (_symbols.IsResponseCookiesMethod(method, "Delete"))
                {
                    AnalyzeCookieCall(context, invocation, deletion: true);
                }

                break;
            case "Add":
                if (invocation.Instance is IPropertyReferenceOperation { Property.Name: "Extensions" } extensions && _symbols.IsCookieBuilderProperty(extensions.Property))
                {
                    AnalyzeBuilderPartitioned(context, invocation, extensions.Instance?.WalkDownConversions());
                }
                else
                {
                    AnalyzeHeaderCall(context, invocation);
                }

                break;
            case "TryAdd":
                AnalyzeHeaderCall(context, invocation);
                break;
            case "UseCookiePolicy":
                if (method.IsMethod(_symbols.CookiePolicyAppBuilderExtensions, "UseCookiePolicy"))
                {
                    Interlocked.Exchange(ref _useCookiePolicy, 1);
                }

                break;
        }
    }

    public void AnalyzeObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is INamedTypeSymbol type && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _symbols.CookieOptions))
        {
            AnalyzeOptionsCreation(context, creation);
        }
    }

    public void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation target)
        {
            return;
        }

        var property = target.Property;
        switch (property.Name)
        {
            case "SecurePolicy":
            case "HttpOnly":
            case "SameSite":
            case "Name":
                if (_symbols.IsCookieBuilderProperty(property))
                {
                    AnalyzeBuilderAssignment(context, assignment, target);
                }
                else if (property.Name == "HttpOnly" && IsPolicyProperty(property) && CookieSymbols.IsConstant(assignment.Value, _symbols.HttpOnlyAlways))
                {
                    Interlocked.Exchange(ref _policyHttpOnly, 1);
                }

                break;
            case "Secure":
                if (IsPolicyProperty(property) && CookieSymbols.IsConstant(assignment.Value, _symbols.SecureAlways))
                {
                    Interlocked.Exchange(ref _policySecure, 1);
                }

                break;
            case "SetCookie":
                if (IsHeaderDictionary(target.Instance?.Type ?? property.ContainingType))
                {
                    AnalyzeSetCookieValue(context, assignment.Value);
                }

                break;
            default:
                if (property.IsIndexer && target.Arguments.Length == 1 && _symbols.IsSetCookieKey(target.Arguments[0].Value) &&
                    IsHeaderDictionary(target.Instance?.Type))
                {
                    AnalyzeSetCookieValue(context, assignment.Value);
                }

                break;
        }
    }

    public void ReportPending(CompilationAnalysisContext context)
    {
        var enabled = Volatile.Read(ref _useCookiePolicy) == 1;
        var secureExempt = enabled && Volatile.Read(ref _policySecure) == 1;
        var httpOnlyExempt = enabled && Volatile.Read(ref _policyHttpOnly) == 1;
        while (_pending.TryDequeue(out var pending))
        {
            if ((pending.Exemption == Exemption.Secure && secureExempt) || (pending.Exemption == Exemption.HttpOnly && httpOnlyExempt))
            {
                continue;
            }

            context.ReportDiagnostic(pending.Diagnostic);
        }
    }

    private bool IsPolicyProperty(IPropertySymbol property)
        => _symbols.CookiePolicyOptions is not null && property.ContainingType.InheritsFromOrEquals(_symbols.CookiePolicyOptions);

    private bool IsHeaderDictionary(ITypeSymbol? type) => type.IsOrImplements(_symbols.HeaderDictionary);

    // ---------------------------------------------------------------- Append / Delete without a visible CookieOptions creation

    private void AnalyzeCookieCall(OperationAnalysisContext context, IInvocationOperation invocation, bool deletion)
    {
        if (invocation.GetArgument("options") is not null)
        {
            return; // a `new CookieOptions` argument or local is analysed from its creation; other options are unknown
        }

        var key = invocation.GetArgument("key")?.Value;
        if (key is null)
        {
            return;
        }

        var name = ConstantString(key);
        var label = Label(name);
        var nameLocation = MethodNameLocation(invocation);
        var invocationLocation = invocation.Syntax.GetLocation();
        if (!deletion && nameLocation is not null)
        {
            Report(context, Exemption.Secure, Descriptors.CookieNotSecure, nameLocation, invocationLocation,
                Fix(CookieFixData.AddArgument, member: "Secure"), label, "Append without CookieOptions leaves Secure unset");
            if (name is null || !CookieSymbols.IsScriptReadable(name, ScriptReadable(context, invocation)))
            {
                Report(context, Exemption.HttpOnly, Descriptors.CookieNotHttpOnly, nameLocation, invocationLocation,
                    Fix(CookieFixData.AddArgument, member: "HttpOnly"), label, "Append without CookieOptions leaves HttpOnly unset");
            }
        }

        var prefix = NamePrefix(key);
        if (prefix is not null)
        {
            Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, key.Syntax.GetLocation(), invocationLocation,
                Fix(CookieFixData.AddArgument, member: "Secure"), label, "has the '" + prefix + "' prefix but is not Secure", Rejected(deletion));
        }
    }

    // ---------------------------------------------------------------- new CookieOptions { … } and later assignments

    private sealed class OptionsFacts
    {
        public ISimpleAssignmentOperation? Secure;
        public ISimpleAssignmentOperation? HttpOnly;
        public ISimpleAssignmentOperation? SameSite;
        public ISimpleAssignmentOperation? Domain;
        public ISimpleAssignmentOperation? Path;
        public IOperation? Partitioned;
        public readonly List<IInvocationOperation> Uses = new();
        public bool Escapes;

        /// <summary>Secure is assigned both true and false (e.g. <c>if (dev) o.Secure = false;</c>): which one applies is unknown.</summary>
        public bool SecureConflict;
        public bool HttpOnlyConflict;

        /// <summary>Records an assignment; <paramref name="conditional"/> when it sits in a nested block (if, switch, loop) rather than beside the creation.</summary>
        public void Record(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, bool conditional = false)
        {
            switch (target.Property.Name)
            {
                case "Secure":
                    SecureConflict |= conditional && Differs(Secure, assignment);
                    Secure = assignment;
                    break;
                case "HttpOnly":
                    HttpOnlyConflict |= conditional && Differs(HttpOnly, assignment);
                    HttpOnly = assignment;
                    break;
                case "SameSite":
                    SameSite = assignment;
                    break;
                case "Domain":
                    Domain = assignment;
                    break;
                case "Path":
                    Path = assignment;
                    break;
            }
        }

        private static bool Differs(ISimpleAssignmentOperation? previous, ISimpleAssignmentOperation next)
            => previous is not null && !Equals(previous.Value.WalkDownConversions().ConstantValue.Value, next.Value.WalkDownConversions().ConstantValue.Value);
    }

    private void AnalyzeOptionsCreation(OperationAnalysisContext context, IObjectCreationOperation creation)
    {
        var facts = new OptionsFacts();
        var isCopy = creation.Arguments.Length > 0;
        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                CollectInitializerMember(member, facts);
            }
        }

        ILocalSymbol? local = null;
        var parent = creation.WalkUpConversions();
        switch (parent)
        {
            case IArgumentOperation { Parent: IInvocationOperation invocation } argument when IsOptionsArgument(argument, invocation):
                facts.Uses.Add(invocation);
                break;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                local = declarator.Symbol;
                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation localReference }:
                local = localReference.Local;
                break;
            default:
                facts.Escapes = true;
                break;
        }

        if (local is not null)
        {
            CollectLocalUses(creation, local, facts);
        }

        var deletionOnly = !facts.Escapes && facts.Uses.Count > 0;
        foreach (var use in facts.Uses)
        {
            if (use.TargetMethod.Name != "Delete")
            {
                deletionOnly = false;
            }
        }

        var secure = facts.SecureConflict ? ValueState.Unknown : State(facts.Secure, isCopy);
        var httpOnly = facts.HttpOnlyConflict ? ValueState.Unknown : State(facts.HttpOnly, isCopy);
        var creationLocation = CreationLocation(creation);
        var creationTarget = creation.Syntax.GetLocation();
        var names = NamesOf(facts.Uses, facts.Escapes, out var firstName, out var allNamesKnown);
        var label = Label(facts.Uses.Count == 1 && !facts.Escapes ? firstName : null);

        if (!deletionOnly)
        {
            if (secure == ValueState.Absent)
            {
                Report(context, Exemption.Secure, Descriptors.CookieNotSecure, creationLocation, creationTarget,
                    Fix(CookieFixData.AddMember, member: "Secure"), label, "Secure is not set");
            }
            else if (secure == ValueState.Bad)
            {
                Report(context, Exemption.Secure, Descriptors.CookieNotSecure, facts.Secure!.Syntax.GetLocation(), facts.Secure.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue), label, "Secure = false");
            }

            if (httpOnly is ValueState.Absent or ValueState.Bad && !(allNamesKnown && names.Count > 0 && AllScriptReadable(context, creation, names)))
            {
                if (httpOnly == ValueState.Absent)
                {
                    Report(context, Exemption.HttpOnly, Descriptors.CookieNotHttpOnly, creationLocation, creationTarget,
                        Fix(CookieFixData.AddMember, member: "HttpOnly"), label, "HttpOnly is not set");
                }
                else if (names.Count > 0)
                {
                    // An explicit `HttpOnly = false` is a deliberate choice: reported only when the cookie's name is known
                    // and does not say that scripts read it.
                    Report(context, Exemption.HttpOnly, Descriptors.CookieNotHttpOnly, facts.HttpOnly!.Syntax.GetLocation(), facts.HttpOnly.Syntax.GetLocation(),
                        Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue), label, "HttpOnly = false");
                }
            }
        }

        if (facts.SameSite is { } sameSite && CookieSymbols.IsConstant(sameSite.Value, _symbols.SameSiteNone) && secure is ValueState.Absent or ValueState.Bad)
        {
            var (fixTarget, properties) = SecureFix(secure, facts, creationTarget);
            Report(context, Exemption.Secure, Descriptors.SameSiteNoneWithoutSecure, sameSite.Syntax.GetLocation(), fixTarget, properties,
                label, secure == ValueState.Absent ? "Secure is not set" : "Secure = false");
        }

        // HTTP0023: prefixes of the names the options are used with, and Partitioned.
        var secureBadReported = false;
        var hostDomainReported = false;
        var hostPathReported = false;
        var partitionedReported = false;
        foreach (var use in facts.Uses)
        {
            var key = use.GetArgument("key")?.Value;
            var name = key is null ? null : ConstantString(key);
            var prefix = key is null ? null : NamePrefix(key);
            if (prefix is null || key is null)
            {
                continue;
            }

            var deletion = use.TargetMethod.Name == "Delete";
            var useLabel = Label(name);
            if (secure == ValueState.Absent)
            {
                Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, key.Syntax.GetLocation(), creationTarget,
                    Fix(CookieFixData.AddMember, member: "Secure"), useLabel, "has the '" + prefix + "' prefix but is not Secure", Rejected(deletion));
                partitionedReported = true;
            }
            else if (secure == ValueState.Bad && !secureBadReported)
            {
                secureBadReported = true;
                partitionedReported = true;
                Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, facts.Secure!.Syntax.GetLocation(), facts.Secure.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue), useLabel, "has the '" + prefix + "' prefix but sets Secure = false", Rejected(deletion));
            }

            if (!CookieSymbols.IsHostPrefix(prefix))
            {
                continue;
            }

            if (facts.Domain is { } domain && !hostDomainReported && IsNonNullString(domain.Value))
            {
                hostDomainReported = true;
                Report(context, Exemption.None, Descriptors.CookiePrefixViolated, domain.Syntax.GetLocation(), domain.Syntax.GetLocation(),
                    RemoveFix(domain), useLabel, "has the '__Host-' prefix but sets Domain", Rejected(deletion));
            }

            if (facts.Path is { } path && !hostPathReported && path.Value.WalkDownConversions().ConstantValue is { HasValue: true } pathValue && pathValue.Value as string != "/")
            {
                hostPathReported = true;
                Report(context, Exemption.None, Descriptors.CookiePrefixViolated, path.Syntax.GetLocation(), path.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueRootPath), useLabel,
                    pathValue.Value is string p ? "has the '__Host-' prefix but sets Path to '" + p + "' instead of '/'" : "has the '__Host-' prefix but sets no Path", Rejected(deletion));
            }
        }

        if (facts.Partitioned is { } partitioned && !partitionedReported && secure is ValueState.Absent or ValueState.Bad)
        {
            var (fixTarget, properties) = SecureFix(secure, facts, creationTarget);
            var location = secure == ValueState.Bad ? facts.Secure!.Syntax.GetLocation() : FirstNameLocation(facts.Uses) ?? partitioned.Syntax.GetLocation();
            Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, location, fixTarget, properties, label, "is Partitioned but not Secure", "it");
        }
    }

    private static (Location Target, ImmutableDictionary<string, string?> Properties) SecureFix(ValueState secure, OptionsFacts facts, Location creationTarget)
        => secure == ValueState.Bad
            ? (facts.Secure!.Syntax.GetLocation(), Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue))
            : (creationTarget, Fix(CookieFixData.AddMember, member: "Secure"));

    private void CollectInitializerMember(IOperation member, OptionsFacts facts)
    {
        switch (member)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment:
                facts.Record(assignment, target);
                break;
            case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "Extensions" }, Initializer: { } collection }:
                foreach (var element in collection.Initializers)
                {
                    if (element is IInvocationOperation add && PartitionedArgument(add) is { } value)
                    {
                        facts.Partitioned = value;
                    }
                }

                break;
        }
    }

    private static IOperation? PartitionedArgument(IInvocationOperation add)
    {
        if (add.TargetMethod.Name != "Add" || add.Arguments.Length != 1)
        {
            return null;
        }

        var value = add.Arguments[0].Value;
        return ConstantString(value) is { } text && string.Equals(text.Trim(), "Partitioned", System.StringComparison.OrdinalIgnoreCase) ? value : null;
    }

    private void CollectLocalUses(IObjectCreationOperation creation, ILocalSymbol local, OptionsFacts facts)
    {
        var start = creation.Syntax.SpanStart;
        var creationBlock = FirstStatement(creation.Syntax)?.Parent;
        foreach (var operation in creation.GetRoot().Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local) ||
                operation.Syntax.SpanStart < start)
            {
                continue;
            }

            var parent = reference.WalkUpConversions();
            switch (parent)
            {
                case IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation assignment } property when assignment.Target == property && _symbols.IsCookieOptionsProperty(property.Property):
                    facts.Record(assignment, property, conditional: assignment.Syntax.Parent?.Parent != creationBlock);
                    break;
                case IPropertyReferenceOperation { Property.Name: "Extensions", Parent: IInvocationOperation add } extensions when add.Instance == extensions:
                    if (PartitionedArgument(add) is { } value)
                    {
                        facts.Partitioned = value;
                    }

                    break;
                case IPropertyReferenceOperation:
                    break; // a read
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument when IsOptionsArgument(argument, invocation):
                    facts.Uses.Add(invocation);
                    break;
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    break; // reassigned: that creation is analysed on its own
                default:
                    facts.Escapes = true; // passed on or stored: names and later changes unknown
                    break;
            }
        }
    }

    private static SyntaxNode? FirstStatement(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax)
            {
                return current;
            }
        }

        return null;
    }

    private bool IsOptionsArgument(IArgumentOperation argument, IInvocationOperation invocation)
        => argument.Parameter?.Name == "options" &&
           (_symbols.IsResponseCookiesMethod(invocation.TargetMethod, "Append") || _symbols.IsResponseCookiesMethod(invocation.TargetMethod, "Delete"));

    private static ValueState State(ISimpleAssignmentOperation? assignment, bool isCopy)
    {
        if (assignment is null)
        {
            return isCopy ? ValueState.Unknown : ValueState.Absent;
        }

        var value = assignment.Value.WalkDownConversions().ConstantValue;
        return value.HasValue && value.Value is bool flag ? flag ? ValueState.Good : ValueState.Bad : ValueState.Unknown;
    }

    private static List<string> NamesOf(List<IInvocationOperation> uses, bool escapes, out string? first, out bool allKnown)
    {
        var names = new List<string>();
        first = null;
        allKnown = !escapes;
        foreach (var use in uses)
        {
            if (use.TargetMethod.Name == "Delete")
            {
                continue;
            }

            var key = use.GetArgument("key")?.Value;
            var name = key is null ? null : ConstantString(key);
            if (name is null)
            {
                allKnown = false;
                continue;
            }

            first ??= name;
            names.Add(name);
        }

        return names;
    }

    private static Location? FirstNameLocation(List<IInvocationOperation> uses)
    {
        foreach (var use in uses)
        {
            if (use.GetArgument("key")?.Value is { } key)
            {
                return key.Syntax.GetLocation();
            }
        }

        return null;
    }

    private static bool AllScriptReadable(OperationAnalysisContext context, IOperation operation, List<string> names)
    {
        var list = ScriptReadable(context, operation);
        foreach (var name in names)
        {
            if (!CookieSymbols.IsScriptReadable(name, list))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNonNullString(IOperation value)
    {
        value = value.WalkDownConversions();
        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value is string;
        }

        return value is IInterpolatedStringOperation;
    }

    // ---------------------------------------------------------------- CookieBuilder settings

    private void AnalyzeBuilderAssignment(OperationAnalysisContext context, ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target)
    {
        var value = assignment.Value;
        var receiver = target.Instance?.WalkDownConversions();
        switch (target.Property.Name)
        {
            case "SecurePolicy":
            {
                var weak = WeakSecurePolicy(value);
                if (weak is not null)
                {
                    var builderProperty = BuilderProperty(receiver, assignment);
                    var label = _symbols.BuilderLabel(builderProperty, BuilderName(assignment, receiver));
                    Report(context, Exemption.Secure, Descriptors.CookieNotSecure, assignment.Syntax.GetLocation(), assignment.Syntax.GetLocation(),
                        Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways), label, "SecurePolicy = CookieSecurePolicy." + weak);
                }

                break;
            }

            case "HttpOnly":
            {
                if (value.WalkDownConversions().ConstantValue is not { HasValue: true, Value: false })
                {
                    break;
                }

                var builderProperty = BuilderProperty(receiver, assignment);
                var name = BuilderName(assignment, receiver);
                if (!_symbols.IsAntiforgeryBuilder(builderProperty) && name is not null && CookieSymbols.IsScriptReadable(name, ScriptReadable(context, assignment)))
                {
                    break;
                }

                Report(context, Exemption.HttpOnly, Descriptors.CookieNotHttpOnly, assignment.Syntax.GetLocation(), assignment.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueTrue), _symbols.BuilderLabel(builderProperty, name), "HttpOnly = false");
                break;
            }

            case "SameSite":
            {
                if (!CookieSymbols.IsConstant(value, _symbols.SameSiteNone))
                {
                    break;
                }

                var securePolicy = FindBuilderSibling(assignment, receiver, "SecurePolicy");
                string reason;
                Location fixTarget;
                ImmutableDictionary<string, string?> properties;
                if (securePolicy is not null)
                {
                    var weak = WeakSecurePolicy(securePolicy.Value);
                    if (weak is null)
                    {
                        break; // Always, or not a constant
                    }

                    reason = "SecurePolicy = CookieSecurePolicy." + weak;
                    fixTarget = securePolicy.Syntax.GetLocation();
                    properties = Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways);
                }
                else
                {
                    if (!WeakByDefault(receiver, assignment) || HasSecureEvidenceElsewhere(assignment, receiver))
                    {
                        break; // the builder's own default may be Always (remote-authentication correlation cookies), or it is set elsewhere
                    }

                    reason = "SecurePolicy is not set to CookieSecurePolicy.Always";
                    fixTarget = assignment.Syntax.GetLocation();
                    properties = Fix(CookieFixData.AddBuilderSecurePolicy);
                }

                var label = _symbols.BuilderLabel(BuilderProperty(receiver, assignment), BuilderName(assignment, receiver));
                Report(context, Exemption.Secure, Descriptors.SameSiteNoneWithoutSecure, assignment.Syntax.GetLocation(), fixTarget, properties, label, reason);
                break;
            }

            case "Name":
            {
                var name = ConstantString(value);
                var prefix = NamePrefix(value);
                if (prefix is null)
                {
                    break;
                }

                var label = _symbols.BuilderLabel(BuilderProperty(receiver, assignment), name);
                var securePolicy = FindBuilderSibling(assignment, receiver, "SecurePolicy");
                if (securePolicy is not null)
                {
                    var weak = WeakSecurePolicy(securePolicy.Value);
                    if (weak is not null)
                    {
                        Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, securePolicy.Syntax.GetLocation(), securePolicy.Syntax.GetLocation(),
                            Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways), label, "has the '" + prefix + "' prefix but sets SecurePolicy = CookieSecurePolicy." + weak, "it");
                    }
                }
                else if (WeakByDefault(receiver, assignment) && !HasSecureEvidenceElsewhere(assignment, receiver))
                {
                    Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, value.Syntax.GetLocation(), assignment.Syntax.GetLocation(),
                        Fix(CookieFixData.AddBuilderSecurePolicy), label, "has the '" + prefix + "' prefix but its SecurePolicy is not CookieSecurePolicy.Always", "it");
                }

                if (!CookieSymbols.IsHostPrefix(prefix))
                {
                    break;
                }

                if (FindBuilderSibling(assignment, receiver, "Domain") is { } domain && IsNonNullString(domain.Value))
                {
                    Report(context, Exemption.None, Descriptors.CookiePrefixViolated, domain.Syntax.GetLocation(), domain.Syntax.GetLocation(),
                        RemoveFix(domain), label, "has the '__Host-' prefix but sets Domain", "it");
                }

                if (FindBuilderSibling(assignment, receiver, "Path") is { } path &&
                    path.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string pathValue } && pathValue != "/")
                {
                    Report(context, Exemption.None, Descriptors.CookiePrefixViolated, path.Syntax.GetLocation(), path.Syntax.GetLocation(),
                        Fix(CookieFixData.SetValue, value: CookieFixData.ValueRootPath), label, "has the '__Host-' prefix but sets Path to '" + pathValue + "' instead of '/'", "it");
                }

                break;
            }
        }
    }

    /// <summary><c>builder.Extensions.Add("Partitioned")</c> (CHIPS) on a builder whose SecurePolicy is not Always.</summary>
    private void AnalyzeBuilderPartitioned(OperationAnalysisContext context, IInvocationOperation add, IOperation? receiver)
    {
        if (PartitionedArgument(add) is not { } partitioned)
        {
            return;
        }

        var label = _symbols.BuilderLabel(BuilderProperty(receiver, add), BuilderName(add, receiver));
        var securePolicy = FindBuilderSibling(add, receiver, "SecurePolicy");
        if (securePolicy is not null)
        {
            if (WeakSecurePolicy(securePolicy.Value) is { } weak)
            {
                Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, securePolicy.Syntax.GetLocation(), securePolicy.Syntax.GetLocation(),
                    Fix(CookieFixData.SetValue, value: CookieFixData.ValueAlways), label, "is Partitioned but sets SecurePolicy = CookieSecurePolicy." + weak, "it");
            }
        }
        else if (WeakByDefault(receiver, add) && !HasSecureEvidenceElsewhere(add, receiver))
        {
            Report(context, Exemption.Secure, Descriptors.CookiePrefixViolated, partitioned.Syntax.GetLocation(), add.Syntax.GetLocation(),
                Fix(CookieFixData.AddBuilderSecurePolicy), label, "is Partitioned but its SecurePolicy is not CookieSecurePolicy.Always", "it");
        }
    }

    private string? WeakSecurePolicy(IOperation value)
    {
        if (CookieSymbols.IsConstant(value, _symbols.SecureNone))
        {
            return "None";
        }

        return CookieSymbols.IsConstant(value, _symbols.SecureSameAsRequest) ? "SameAsRequest" : null;
    }

    /// <summary>
    /// The builder's SecurePolicy, when never set, is known not to be Always: a plain <c>new CookieBuilder</c>
    /// (SameAsRequest), the authentication cookie (SameAsRequest), the session and antiforgery cookies (None). Other
    /// builders (e.g. remote-authentication correlation cookies, which default to Always) are unknown.
    /// </summary>
    private bool WeakByDefault(IOperation? receiver, IOperation assignment)
    {
        if (receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } &&
            assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } &&
            SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.CookieBuilder))
        {
            return true;
        }

        var host = BuilderProperty(receiver, assignment)?.ContainingType;
        return host is not null &&
               (host.InheritsFromOrEquals(_symbols.CookieAuthenticationOptions) || host.InheritsFromOrEquals(_symbols.SessionOptions) || host.InheritsFromOrEquals(_symbols.AntiforgeryOptions));
    }

    /// <summary>The <c>Cookie</c> property (e.g. <c>CookieAuthenticationOptions.Cookie</c>) the builder is, when known.</summary>
    private static IPropertySymbol? BuilderProperty(IOperation? receiver, IOperation assignment)
    {
        switch (receiver)
        {
            case IPropertyReferenceOperation property:
                return property.Property;
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                return assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member } }
                    ? member.Property
                    : assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation { Parent: { } creationParent } }
                        ? AssignedProperty(creationParent)
                        : null;
            default:
                return null;
        }
    }

    /// <summary>For <c>o.Cookie = new CookieBuilder { … }</c>: the property assigned.</summary>
    private static IPropertySymbol? AssignedProperty(IOperation creationParent)
    {
        var parent = creationParent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } ? target.Property : null;
    }

    private static string? BuilderName(IOperation assignment, IOperation? receiver)
        => FindBuilderSibling(assignment, receiver, "Name") is { } name ? ConstantString(name.Value) : null;

    /// <summary>The last assignment of <paramref name="propertyName"/> on the same builder: same initializer, or same receiver in the same body.</summary>
    private static ISimpleAssignmentOperation? FindBuilderSibling(IOperation assignment, IOperation? receiver, string propertyName)
    {
        if (receiver is null)
        {
            return null;
        }

        ISimpleAssignmentOperation? found = null;
        if (receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } sibling && target.Property.Name == propertyName)
                    {
                        found = sibling;
                    }
                }
            }

            return found;
        }

        foreach (var operation in assignment.GetRoot().Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } sibling && target.Property.Name == propertyName &&
                target.Instance is { } instance && SameReference(instance, receiver))
            {
                found = sibling;
            }
        }

        return found;
    }

    /// <summary>
    /// The same options' cookie gets <c>SecurePolicy = Always</c> (or a non-constant policy) in another lambda of the same
    /// body, e.g. <c>AddCookie(…)</c> and <c>ConfigureApplicationCookie(…)</c> side by side.
    /// </summary>
    private bool HasSecureEvidenceElsewhere(IOperation assignment, IOperation? receiver)
    {
        var builderProperty = BuilderProperty(receiver, assignment);
        if (builderProperty is null)
        {
            return false;
        }

        foreach (var operation in assignment.GetRoot().Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SecurePolicy" } target } sibling &&
                SymbolEqualityComparer.Default.Equals(BuilderProperty(target.Instance?.WalkDownConversions(), sibling), builderProperty) &&
                WeakSecurePolicy(sibling.Value) is null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameReference(IOperation a, IOperation b)
    {
        a = a.WalkDownConversions();
        b = b.WalkDownConversions();
        switch (a)
        {
            case IParameterReferenceOperation pa:
                return b is IParameterReferenceOperation pb && SymbolEqualityComparer.Default.Equals(pa.Parameter, pb.Parameter);
            case ILocalReferenceOperation la:
                return b is ILocalReferenceOperation lb && SymbolEqualityComparer.Default.Equals(la.Local, lb.Local);
            case IFieldReferenceOperation fa:
                return b is IFieldReferenceOperation fb && SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field) && SameInstance(fa.Instance, fb.Instance);
            case IPropertyReferenceOperation ra:
                return b is IPropertyReferenceOperation rb && ra.Arguments.Length == 0 && rb.Arguments.Length == 0 &&
                       SymbolEqualityComparer.Default.Equals(ra.Property, rb.Property) && SameInstance(ra.Instance, rb.Instance);
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                return b is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
            default:
                return false;
        }
    }

    private static bool SameInstance(IOperation? a, IOperation? b)
        => a is null ? b is null : b is not null && SameReference(a, b);

    // ---------------------------------------------------------------- hand-written Set-Cookie headers

    private void AnalyzeHeaderCall(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        if (invocation.Arguments.Length < 2 || !_symbols.IsSetCookieKey(invocation.GetArgument("key")?.Value))
        {
            return;
        }

        if (invocation.GetArgument("value")?.Value is { } value && IsHeaderDictionary(invocation.GetReceiverOrThisArgument()?.Type))
        {
            AnalyzeSetCookieValue(context, value);
        }
    }

    private void AnalyzeSetCookieValue(OperationAnalysisContext context, IOperation value)
    {
        value = value.WalkDownConversions();
        if (value.Type?.SpecialType != SpecialType.System_String || StringShape.Of(value) is not { } shape || SetCookieHeader.Parse(shape) is not { } header)
        {
            return;
        }

        var label = header.Name is null ? "The cookie in this Set-Cookie header" : "Cookie '" + header.Name + "' in this Set-Cookie header";
        var location = value.Syntax.GetLocation();
        var fixable = value is ILiteralOperation && value.Syntax is LiteralExpressionSyntax;
        var missingSecure = header.AttributesKnown && !header.Secure;
        if (missingSecure && !header.Deletion)
        {
            Report(context, Exemption.None, Descriptors.CookieNotSecure, location, location, HeaderFix(fixable, CookieFixData.EditSecure), label, "no Secure attribute");
        }

        if (header.AttributesKnown && !header.HttpOnly && !header.Deletion && header.Name is not null &&
            !CookieSymbols.IsScriptReadable(header.Name, ScriptReadable(context, value)))
        {
            Report(context, Exemption.None, Descriptors.CookieNotHttpOnly, location, location, HeaderFix(fixable, CookieFixData.EditHttpOnly), label, "no HttpOnly attribute");
        }

        if (header.SameSiteNone && missingSecure)
        {
            Report(context, Exemption.None, Descriptors.SameSiteNoneWithoutSecure, location, location, HeaderFix(fixable, CookieFixData.EditSecure), label, "no Secure attribute");
        }

        var prefix = CookieSymbols.Prefix(header.Name);
        var reasons = new List<string>();
        var edits = new List<string>();
        if (prefix is not null && missingSecure)
        {
            reasons.Add("has the '" + prefix + "' prefix but is not Secure");
            edits.Add(CookieFixData.EditSecure);
        }

        if (CookieSymbols.IsHostPrefix(prefix))
        {
            if (header.Domain)
            {
                reasons.Add((reasons.Count == 0 ? "has the '__Host-' prefix but " : string.Empty) + "sets Domain");
                edits.Add(CookieFixData.EditNoDomain);
            }

            if (header.Path is { } path ? path != "/" : header.AttributesKnown)
            {
                reasons.Add((reasons.Count == 0 ? "has the '__Host-' prefix but " : string.Empty) + (header.Path is null ? "has no Path=/" : "sets Path to '" + header.Path + "' instead of '/'"));
                edits.Add(CookieFixData.EditRootPath);
            }
        }

        if (header.Partitioned && missingSecure && prefix is null)
        {
            reasons.Add("is Partitioned but not Secure");
            edits.Add(CookieFixData.EditSecure);
        }

        if (reasons.Count > 0)
        {
            Report(context, Exemption.None, Descriptors.CookiePrefixViolated, location, location, HeaderFix(fixable, string.Join(",", edits)),
                label, string.Join(" and ", reasons), header.Deletion ? "the deletion and the cookie is never removed" : "it");
        }
    }

    private static ImmutableDictionary<string, string?> HeaderFix(bool fixable, string edits)
        => fixable
            ? ImmutableDictionary<string, string?>.Empty.Add(CookieFixData.Kind, CookieFixData.Header).Add(CookieFixData.HeaderEdits, edits)
            : ImmutableDictionary<string, string?>.Empty;

    // ---------------------------------------------------------------- helpers

    private void Report(OperationAnalysisContext context, Exemption exemption, DiagnosticDescriptor descriptor, Location location, Location fixTarget,
        ImmutableDictionary<string, string?> properties, params object[] arguments)
    {
        var diagnostic = Diagnostic.Create(descriptor, location, new[] { fixTarget }, properties, arguments);
        if (exemption == Exemption.None || _symbols.CookiePolicyOptions is null)
        {
            context.ReportDiagnostic(diagnostic);
        }
        else
        {
            _pending.Enqueue(new Pending(diagnostic, exemption));
        }
    }

    private static ImmutableDictionary<string, string?> Fix(string kind, string? member = null, string? value = null)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CookieFixData.Kind, kind);
        if (member is not null)
        {
            properties = properties.Add(CookieFixData.Member, member);
        }

        if (value is not null)
        {
            properties = properties.Add(CookieFixData.Value, value);
        }

        return properties;
    }

    /// <summary>Removing the assignment is only offered where it is a whole statement or an initializer member.</summary>
    private static ImmutableDictionary<string, string?> RemoveFix(ISimpleAssignmentOperation assignment)
        => assignment.Syntax.Parent is ExpressionStatementSyntax or InitializerExpressionSyntax
            ? Fix(CookieFixData.Remove)
            : ImmutableDictionary<string, string?>.Empty;

    private static string Rejected(bool deletion) => deletion ? "the deletion and the cookie is never removed" : "it";

    private static string Label(string? name) => name is null ? "The cookie" : "Cookie '" + name + "'";

    private static string? ConstantString(IOperation operation)
        => operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text } ? text : null;

    /// <summary>The cookie prefix of a name: a constant, or the text an interpolated / concatenated name certainly starts with.</summary>
    private static string? NamePrefix(IOperation name)
        => CookieSymbols.Prefix(ConstantString(name) ?? StringShape.Of(name)?.LeadingText);

    private static ImmutableArray<string> ScriptReadable(OperationAnalysisContext context, IOperation operation)
        => Options.GetList(context.Options, operation.Syntax.SyntaxTree, DiagnosticIds.CookieNotHttpOnly, ScriptReadableOption, DefaultScriptReadable);

    private static Location? MethodNameLocation(IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            ? access.Name.GetLocation()
            : invocation.Syntax is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding }
                ? binding.Name.GetLocation()
                : null;

    /// <summary><c>new CookieOptions</c> / <c>new()</c> with its argument list, without the initializer.</summary>
    private static Location CreationLocation(IObjectCreationOperation creation)
    {
        var syntax = creation.Syntax;
        int end;
        switch (syntax)
        {
            case ObjectCreationExpressionSyntax explicitCreation:
                end = explicitCreation.ArgumentList?.Span.End ?? explicitCreation.Type.Span.End;
                break;
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                end = implicitCreation.ArgumentList.Span.End;
                break;
            default:
                return syntax.GetLocation();
        }

        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
    }

    private readonly struct Pending
    {
        public Pending(Diagnostic diagnostic, Exemption exemption)
        {
            Diagnostic = diagnostic;
            Exemption = exemption;
        }

        public Diagnostic Diagnostic { get; }

        public Exemption Exemption { get; }
    }
}
