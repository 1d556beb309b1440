using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// A collection expression whose target is an immutable collection without a collection builder in the Roslyn the
/// generator is built against (4.3: <c>SyntaxList&lt;T&gt;</c>, <c>ImmutableArray&lt;T&gt;</c>, …) compiles to
/// <c>new T(); t.Add(e);</c>, and <c>Add</c> returns a new collection that the code drops: the collection stays empty.
/// <c>body is BlockSyntax b ? b.Statements : [body]</c> did so, and F58's proof of a whole-output loop never saw the
/// body of <c>for (…) y[i] = e;</c> (refused as SDIFF0010). The compiler says nothing, so this reads the generator's IL.
/// </summary>
public class DiscardedAddTests
{
    [Fact]
    public void TheGeneratorNeverDropsTheResultOfAnImmutableAdd()
    {
        string path = typeof(DifferentiableGenerator).Assembly.Location;
        List<string> dropped = DroppedImmutableAdds(path);
        Assert.True(dropped.Count == 0, "Add of an immutable collection whose result is dropped (a collection expression of that type?):\n" + string.Join("\n", dropped));
    }

    /// <summary>Each <c>call Add</c> on a type of Microsoft.CodeAnalysis or System.Collections.Immutable followed by <c>pop</c>, as Type.Method.</summary>
    private static List<string> DroppedImmutableAdds(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        MetadataReader metadata = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (MethodDefinitionHandle handle in metadata.MethodDefinitions)
        {
            MethodDefinition method = metadata.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0)
            {
                continue;
            }

            byte[] il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!;
            foreach ((OpCode opCode, int operand, int next) in Instructions(il))
            {
                if ((opCode == OpCodes.Call || opCode == OpCodes.Callvirt) && next < il.Length && il[next] == OpCodes.Pop.Value
                    && IsImmutableAdd(metadata, MetadataTokens.EntityHandle(operand)))
                {
                    TypeDefinition type = metadata.GetTypeDefinition(method.GetDeclaringType());
                    found.Add($"{metadata.GetString(type.Name)}.{metadata.GetString(method.Name)}");
                }
            }
        }

        return found;
    }

    private static bool IsImmutableAdd(MetadataReader metadata, EntityHandle callee)
    {
        if (callee.Kind != HandleKind.MemberReference)
        {
            return false;
        }

        MemberReference member = metadata.GetMemberReference((MemberReferenceHandle)callee);
        if (metadata.GetString(member.Name) != "Add")
        {
            return false;
        }

        EntityHandle parent = member.Parent;
        if (parent.Kind == HandleKind.TypeSpecification)
        {
            // A generic instance, SyntaxList<StatementSyntax>: its generic type follows the GENERICINST and CLASS/VALUETYPE bytes.
            BlobReader signature = metadata.GetBlobReader(metadata.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
            if (signature.ReadSignatureHeader().RawValue != (byte)SignatureTypeCode.GenericTypeInstance)
            {
                return false;
            }

            signature.ReadByte();
            parent = signature.ReadTypeHandle();
        }

        if (parent.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        string ns = metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Namespace);
        return ns.StartsWith("Microsoft.CodeAnalysis", System.StringComparison.Ordinal) || ns == "System.Collections.Immutable";
    }

    /// <summary>The instructions of a method body: each opcode, its 4-byte operand (a token, where it has one), and where the next begins.</summary>
    private static IEnumerable<(OpCode OpCode, int Operand, int Next)> Instructions(byte[] il)
    {
        for (int at = 0; at < il.Length;)
        {
            OpCode opCode = il[at] == 0xFE ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += opCode.Size;
            int size = OperandSize(opCode.OperandType, il, at);
            int operand = size == 4 ? System.BitConverter.ToInt32(il, at) : 0;
            at += size;
            yield return (opCode, operand, at);
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * System.BitConverter.ToInt32(il, at),
        _ => 4,
    };

    private static readonly OpCode[] OneByte = new OpCode[256], TwoByte = new OpCode[256];

    static DiscardedAddTests()
    {
        foreach (OpCode opCode in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!))
        {
            ushort value = unchecked((ushort)opCode.Value);
            (opCode.Size == 1 ? OneByte : TwoByte)[value & 0xFF] = opCode;
        }
    }
}
