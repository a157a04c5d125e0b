public enum RendementCoreVersion { public static let string = "0.1.0" }
