// mlnet-recurrent: train, evaluate, predict and compare recurrent models over CSV/TSV files (see README.md).
return MLNet.Recurrent.Cli.CliApplication.Run(args, Console.Out, Console.Error);
