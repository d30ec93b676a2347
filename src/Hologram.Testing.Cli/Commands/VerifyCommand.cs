using System.CommandLine;
using System.Text;
using Hologram.Testing.Security;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram verify &lt;file&gt; [--key-env NAME]</c>: checks a proof chain and reports <c>OK n records</c> or the first broken record.</summary>
internal sealed class VerifyCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A proof-chain file (JSON lines with seq, prev, data, hash)" };
        var keyEnv = new Option<string?>("--key-env")
        {
            Description = "The environment variable holding the HMAC key (its UTF-8 bytes) the chain was written with",
        };

        var command = new Command("verify", "Verify a hash-chained proof file: OK n records (exit 0) or the first altered, inserted, removed or reordered record (exit 1).") { file, keyEnv };
        command.SetAction(result => new VerifyCommand(context).Execute(result.GetValue(file)!, result.GetValue(keyEnv)));
        return command;
    }

    public int Execute(string file, string? keyEnv)
    {
        var path = Path.GetFullPath(file, context.CurrentDirectory);
        if (!File.Exists(path))
        {
            return context.BadInput($"proof chain '{file}' does not exist");
        }

        byte[]? key = null;
        if (keyEnv is not null)
        {
            if (!context.Environment.TryGetValue(keyEnv, out var value) || string.IsNullOrEmpty(value))
            {
                return context.BadInput($"--key-env {keyEnv}: the environment variable is not set");
            }

            key = Encoding.UTF8.GetBytes(value);
        }

        var result = ProofChain.Verify(path, key);
        if (result is { Ok: true, Count: 0 })
        {
            // Nothing was verified: never an "OK".
            return context.BadInput($"proof chain '{file}' holds no records");
        }

        if (result.Ok)
        {
            context.Out.WriteLine(result.ToString());
            return ExitCodes.Ok;
        }

        context.Out.WriteLine($"{file}:{result}");
        return ExitCodes.GateFailed;
    }
}
