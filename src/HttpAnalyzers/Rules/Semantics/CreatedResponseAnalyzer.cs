using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpAnalyzers.Rules.Semantics;

/// <summary>
/// HTTP0053: a <c>[HttpPost]</c> action or <c>MapPost</c> handler that adds an entity and saves it (EF Core, directly or
/// through application methods, see <see cref="StateChangeModel"/>) and answers <c>Ok(x)</c>/<c>Results.Ok(x)</c>/
/// <c>TypedResults.Ok(x)</c> with the entity or a value made from it. Reported at <c>Ok</c>.
/// Fix data (only where the new resource's location can be built from what is in scope): <see cref="SemanticsFixData.Shape"/>,
/// the entity and its key, and the <c>GET</c> action or route that serves the resource.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CreatedResponseAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The word of a file that can map a POST handler.</summary>
    private static readonly FileWords MapFiles = new("MapPost");

    /// <summary>The words of a file that can answer a method-group handler's POST with <c>Results.Ok</c>/<c>TypedResults.Ok</c> (a controller's own <c>Ok</c> is not one).</summary>
    private static readonly FileWords OkFiles = new("Results", "TypedResults");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CreationWithoutCreated);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Get(start.Compilation);
            if (types.DbContext is null || Endpoints.Create(types) is not { } endpoints)
            {
                return;
            }

            var analyzer = new Analyzer(types, endpoints);
            if (types.HttpPostAttribute is not null && types.ControllerBase is not null)
            {
                endpoints.RegisterHandlerBlockAction(start, analyzer.AnalyzeMethod, includePageModels: false);
            }

            if (types.EndpointRouteBuilderExtensions is not null)
            {
                // A mapped handler is judged at its MapPost call: only the types of files that write one have the action.
                start.RegisterForTypes(MapFiles.AnyDeclaration, type => type.RegisterOperationAction(analyzer.AnalyzeMap, OperationKind.Invocation));

                // A method mapped as a method group (MapPost("/orders", OrderEndpoints.Create)), in any file, is judged at its own
                // Ok(value) call, so that the finding is in the handler's document: only the types of files that call Ok.
                start.RegisterForTypes(OkFiles.AnyDeclaration, type => type.RegisterOperationAction(analyzer.AnalyzeMethodGroupOk, OperationKind.Invocation));
            }
        });
    }

    private sealed class Analyzer
    {
        private readonly KnownTypes _types;
        private readonly Endpoints _endpoints;

        public Analyzer(KnownTypes types, Endpoints endpoints)
        {
            _types = types;
            _endpoints = endpoints;
        }

        public void AnalyzeMethod(OperationBlockAnalysisContext context)
        {
            // Cheapest first: a method declared without attributes can't be a [HttpPost] action (no attribute binding).
            if (context.OwningSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method ||
                !DeclaresAttributes(method) || !HasPost(method) || !_endpoints.IsAction(method))
            {
                return;
            }

            foreach (var block in context.OperationBlocks)
            {
                if (Analyze(block, method, null, context.Compilation, context.CancellationToken) is { } diagnostics)
                {
                    foreach (var diagnostic in diagnostics)
                    {
                        context.ReportDiagnostic(diagnostic);
                    }
                }
            }
        }

        public void AnalyzeMap(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "MapPost" || !invocation.TargetMethod.IsMethod(_types.EndpointRouteBuilderExtensions, "MapPost"))
            {
                return;
            }

            // A lambda, or a local function passed as a method group (top-level Program.cs): the locator gives its body. Other
            // method groups have none here and are judged at their own Ok.
            if (_endpoints.ForMapInvocation(invocation)?.Body is not { } body)
            {
                return;
            }

            if (Analyze(body, null, invocation, context.Compilation, context.CancellationToken) is { } diagnostics)
            {
                foreach (var diagnostic in diagnostics)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        /// <summary>
        /// <c>Ok(value)</c> in the body of a method that a <c>MapPost</c> call of the compilation maps as a method group: the
        /// handler's body is judged as a lambda's is, and only this call's finding is reported here.
        /// </summary>
        public void AnalyzeMethodGroupOk(OperationAnalysisContext context)
        {
            var ok = (IInvocationOperation)context.Operation;
            // Results.Ok/TypedResults.Ok only: a controller's own Ok is an action's, judged by AnalyzeMethod.
            if (ok.TargetMethod.Name != "Ok" || ok.TargetMethod.ContainingType?.Name is not ("Results" or "TypedResults") ||
                context.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method ||
                method.DeclaringSyntaxReferences.IsEmpty || OkValue(ok) is null || ok.GetEnclosingFunction() is not null)
            {
                return;
            }

            var map = _endpoints.Facts(context.CancellationToken).FindMethodGroupHandler(method);
            if (map is null || map.TargetMethod.Name != "MapPost" || !map.TargetMethod.IsMethod(_types.EndpointRouteBuilderExtensions, "MapPost") ||
                Analyze(ok.GetRoot(), null, map, context.Compilation, context.CancellationToken) is not { } diagnostics)
            {
                return;
            }

            var location = ok.NameLocation();
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Location == location)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        private static bool DeclaresAttributes(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax { AttributeLists.Count: > 0 })
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasPost(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass.InheritsFromOrEquals(_types.HttpPostAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The findings of one handler body (null when none). Returned rather than reported through a delegate, which
        /// would box the context on every call; the handler's name is built only for a finding.
        /// </summary>
        private List<Diagnostic>? Analyze(IOperation body, IMethodSymbol? action, IInvocationOperation? map, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            // Cheap first: an Ok(value) call in the body.
            List<IInvocationOperation>? oks = null;
            CollectOks(body, ref oks);
            if (oks is null || StateChangeModel.Get(compilation, cancellationToken) is not { } model)
            {
                return null;
            }

            // What is added and saved, and which locals or parameters hold the new entity.
            var kinds = StateChangeKinds.None;
            List<ISymbol>? entities = null;
            foreach (var operation in OperationWalk.Of(body))
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                var summary = model.OfInvocation(invocation, StateChangeModel.MaxDepth, cancellationToken);
                kinds |= summary.Kinds;
                if ((summary.Kinds & StateChangeKinds.Add) == 0)
                {
                    continue;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (Holder(argument.Value) is { } holder)
                    {
                        (entities ??= new List<ISymbol>()).Add(holder);
                    }
                }

                // var order = await orders.CreateAsync(dto);
                if (summary.Via is not null && invocation.WalkUpConversions() is var parent &&
                    (parent is IAwaitOperation ? parent.WalkUpConversions() : parent) is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                {
                    (entities ??= new List<ISymbol>()).Add(declarator.Symbol);
                }
            }

            if ((kinds & (StateChangeKinds.Add | StateChangeKinds.Save)) != (StateChangeKinds.Add | StateChangeKinds.Save) || entities is null)
            {
                return null;
            }

            List<Diagnostic>? diagnostics = null;
            foreach (var ok in oks)
            {
                var value = OkValue(ok)!;
                var entity = ReferencedEntity(value, entities);
                if (entity is null)
                {
                    continue;
                }

                var properties = action is not null ? ActionFix(action, entity) : CreatedFix(ok, map!, body, entity);
                var handlerName = action is not null ? "Action '" + action.Name + "'" : MapCalls.HandlerName(map!);
                (diagnostics ??= new List<Diagnostic>()).Add(Diagnostic.Create(
                    Descriptors.CreationWithoutCreated,
                    ok.NameLocation(),
                    properties.IsEmpty ? ImmutableArray<Location>.Empty : ImmutableArray.Create(ok.Syntax.GetLocation()),
                    properties,
                    handlerName,
                    TypeOf(entity)?.Name ?? entity.Name));
            }

            return diagnostics;
        }

        // A recursive walk in the order of OperationWalk.Of (every POST handler body is searched): recursion needs no
        // enumerator stack and tests only invocations.
        private void CollectOks(IOperation operation, ref List<IInvocationOperation>? oks)
        {
            if (operation.Kind == OperationKind.Invocation && operation is IInvocationOperation { TargetMethod.Name: "Ok" } ok && OkValue(ok) is not null)
            {
                (oks ??= new List<IInvocationOperation>()).Add(ok);
            }

            foreach (var child in operation.ChildOperations)
            {
                CollectOks(child, ref oks);
            }
        }

        /// <summary>The value of <c>Ok(value)</c>, <c>Results.Ok(value)</c>, <c>TypedResults.Ok(value)</c>; null for other calls and for <c>Ok()</c>.</summary>
        private IOperation? OkValue(IInvocationOperation ok)
        {
            var method = ok.TargetMethod;
            var type = method.ContainingType;
            if (!(type.Is(_types.ControllerBase) || type.Is(_types.Results) || type.Is(_types.TypedResults)) || ok.Arguments.Length != 1)
            {
                return null;
            }

            var argument = ok.Arguments[0];
            if (argument.ArgumentKind != ArgumentKind.Explicit)
            {
                return null;
            }

            var value = argument.Value.WalkDownConversions();
            return value.ConstantValue.HasValue ? null : value;
        }

        private static ISymbol? Holder(IOperation value)
            => value.WalkDownConversions() switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };

        private static ISymbol? ReferencedEntity(IOperation value, List<ISymbol> entities)
        {
            foreach (var operation in OperationWalk.Of(value))
            {
                if (Holder(operation) is { } holder)
                {
                    foreach (var entity in entities)
                    {
                        if (SymbolEqualityComparer.Default.Equals(entity, holder))
                        {
                            return entity;
                        }
                    }
                }
            }

            return null;
        }

        private static ITypeSymbol? TypeOf(ISymbol symbol)
            => symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };

        /// <summary>The entity's key: <c>[Key]</c>, else <c>Id</c>, else <c>&lt;Type&gt;Id</c>.</summary>
        private IPropertySymbol? Key(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None)
            {
                return null;
            }

            IPropertySymbol? byName = null;
            for (var current = named; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is not IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsIndexer: false } property)
                    {
                        continue;
                    }

                    if (property.HasAttribute(_types.KeyAttribute))
                    {
                        return property;
                    }

                    if (byName is null && (string.Equals(property.Name, "Id", StringComparison.OrdinalIgnoreCase) ||
                                           string.Equals(property.Name, named.Name + "Id", StringComparison.OrdinalIgnoreCase)))
                    {
                        byName = property;
                    }
                }
            }

            return byName;
        }

        /// <summary>
        /// <c>CreatedAtAction</c> data: the one <c>[HttpGet]</c> action of the same controller whose template's only
        /// route parameter is one of its parameters, of the entity key's type (the one returning the entity's type when several).
        /// </summary>
        private ImmutableDictionary<string, string?> ActionFix(IMethodSymbol action, ISymbol entity)
        {
            var none = ImmutableDictionary<string, string?>.Empty;
            var entityType = TypeOf(entity);
            if (Key(entityType) is not { } key || !ReturnsActionResult(action.ReturnType))
            {
                return none;
            }

            IMethodSymbol? found = null;
            string? routeValue = null;
            var count = 0;
            var typed = 0;
            foreach (var member in action.ContainingType.GetMembers())
            {
                if (member is not IMethodSymbol candidate || candidate.Equals(action, SymbolEqualityComparer.Default) || !_endpoints.IsAction(candidate))
                {
                    continue;
                }

                foreach (var attribute in candidate.GetAttributes())
                {
                    if (!attribute.AttributeClass.InheritsFromOrEquals(_types.HttpGetAttribute) ||
                        attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string template ||
                        SingleRouteParameter(template, out _, out _) is not { } parameterName)
                    {
                        continue;
                    }

                    foreach (var parameter in candidate.Parameters)
                    {
                        if (string.Equals(parameter.Name, parameterName, StringComparison.OrdinalIgnoreCase) &&
                            SymbolEqualityComparer.Default.Equals(parameter.Type.WithNullableAnnotation(NullableAnnotation.None), key.Type.WithNullableAnnotation(NullableAnnotation.None)))
                        {
                            var returnsEntity = Mentions(candidate.ReturnType, entityType);
                            if (found is null || (returnsEntity && typed == 0))
                            {
                                found = candidate;
                                routeValue = parameter.Name;
                            }

                            count++;
                            typed += returnsEntity ? 1 : 0;
                        }
                    }
                }
            }

            if (found is null || (count > 1 && typed != 1))
            {
                return none;
            }

            return none.Add(SemanticsFixData.Shape, SemanticsFixData.CreatedAtAction).Add(SemanticsFixData.Entity, entity.Name).Add(SemanticsFixData.Key, key.Name)
                .Add(SemanticsFixData.Action, found.Name).Add(SemanticsFixData.RouteValue, routeValue);
        }

        /// <summary>
        /// <c>Results.Created</c> data: a <c>MapGet</c> in the same body on the same route builder whose pattern is the
        /// <c>MapPost</c> pattern plus one route parameter, with the entity key to fill it.
        /// </summary>
        private ImmutableDictionary<string, string?> CreatedFix(IInvocationOperation ok, IInvocationOperation map, IOperation body, ISymbol entity)
        {
            var none = ImmutableDictionary<string, string?>.Empty;
            if (Key(TypeOf(entity)) is not { } key ||
                (ok.TargetMethod.ContainingType.Is(_types.TypedResults) && HasDeclaredReturnType(body)) ||
                MapCalls.Pattern(map) is not { } postPattern ||
                Builder(map) is not { } builder)
            {
                return none;
            }

            foreach (var operation in OperationWalk.Below(map.GetRoot()))
            {
                if (operation is not IInvocationOperation { TargetMethod.Name: "MapGet" } get ||
                    !get.TargetMethod.IsMethod(_types.EndpointRouteBuilderExtensions, "MapGet") ||
                    !SymbolEqualityComparer.Default.Equals(Builder(get), builder) ||
                    MapCalls.Pattern(get) is not { } getPattern ||
                    !getPattern.StartsWith(postPattern.TrimEnd('/') + "/", StringComparison.Ordinal) ||
                    !IsOneParameterSegment(getPattern.Substring(postPattern.TrimEnd('/').Length)) ||
                    _endpoints.ForMapInvocation(get) is not { RouteTemplates: { Length: 1 } templates })
                {
                    continue;
                }

                var full = templates[0];
                if (SingleRouteParameter(full, out var start, out var end) is null)
                {
                    continue;
                }

                return none.Add(SemanticsFixData.Shape, SemanticsFixData.Created).Add(SemanticsFixData.Entity, entity.Name).Add(SemanticsFixData.Key, key.Name)
                    .Add(SemanticsFixData.Prefix, full.Substring(0, start)).Add(SemanticsFixData.Suffix, full.Substring(end + 1));
            }

            return none;
        }

        /// <summary>The local or parameter a <c>Map…</c> call is made on (<c>app</c>, a route group).</summary>
        private static ISymbol? Builder(IInvocationOperation map) => Holder(map.GetReceiverOrThisArgument() ?? map);

        /// <summary>The handler declares its return type (a method, a local function, a lambda with an explicit one): a typed result cannot change type there.</summary>
        private static bool HasDeclaredReturnType(IOperation body)
            => body.Parent is IAnonymousFunctionOperation lambda ? lambda.Syntax is ParenthesizedLambdaExpressionSyntax { ReturnType: not null } : true;

        private bool ReturnsActionResult(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task &&
                (task.OriginalDefinition.Is(_types.TaskOfT) || task.OriginalDefinition.Is(_types.ValueTaskOfT)))
            {
                type = task.TypeArguments[0];
            }

            return type.Is(_types.IActionResult) || type.Is(_types.ActionResult) || type.OriginalDefinition.Is(_types.ActionResultOfT);
        }

        private static bool Mentions(ITypeSymbol type, ITypeSymbol? entityType)
        {
            if (entityType is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, entityType))
            {
                return true;
            }

            if (type is INamedTypeSymbol named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (Mentions(argument, entityType))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>/{id}</c>, <c>/{id:int}</c>: one segment that is one route parameter.</summary>
        private static bool IsOneParameterSegment(string rest)
            => SingleRouteParameter(rest, out var start, out var end) is not null && start == 1 && end == rest.Length - 1 && rest[0] == '/';

        /// <summary>The name of the template's only route parameter (<c>{id}</c>, <c>{id:int}</c>), and its braces' positions; null otherwise.</summary>
        private static string? SingleRouteParameter(string template, out int start, out int end)
        {
            start = template.IndexOf('{');
            end = template.IndexOf('}');
            if (start < 0 || end < start || template.IndexOf('{', start + 1) >= 0)
            {
                return null;
            }

            var inner = template.Substring(start + 1, end - start - 1);
            var stop = inner.IndexOfAny([':', '?', '=']);
            var name = stop < 0 ? inner : inner.Substring(0, stop);
            return name.Length == 0 || name[0] == '*' ? null : name;
        }
    }
}
