//! Point 2: outputs that other programs interpret.
