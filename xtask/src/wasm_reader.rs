//! Reading a wasm binary: the few encodings the build's checks and
//! rewrites need (LEB128 numbers, names, limits, value and table types).

use anyhow::{bail, ensure, Context, Result};

/// A cursor over wasm bytes.
pub struct Reader<'a> {
    /// The bytes read.
    pub bytes: &'a [u8],
    /// Where the next read starts.
    pub pos: usize,
}

impl<'a> Reader<'a> {
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).context("length overflow")?;
        let slice = self.bytes.get(self.pos..end).context("truncated module")?;
        self.pos = end;
        Ok(slice)
    }

    /// The next byte.
    pub fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    /// Unsigned LEB128 (also used to skip u64 and signed values: only the
    /// length matters there).
    pub fn leb(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            if shift < 64 {
                value |= u64::from(b & 0x7f) << shift;
            }
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        bail!("LEB128 too long")
    }

    /// An unsigned LEB128 `u32`.
    pub fn u32(&mut self) -> Result<u32> {
        u32::try_from(self.leb()?).context("u32 out of range")
    }

    /// A name: its length, then UTF-8 bytes.
    pub fn name(&mut self) -> Result<String> {
        let len = self.u32()? as usize;
        Ok(String::from_utf8_lossy(self.take(len)?).into_owned())
    }

    /// Table or memory limits (skipped).
    pub fn limits(&mut self) -> Result<()> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }

    /// A value type; returns its first byte (typed references are skipped over).
    pub fn value_type(&mut self) -> Result<u8> {
        let b = self.byte()?;
        if b == 0x63 || b == 0x64 {
            self.leb()?; // heap type (s33)
        }
        Ok(b)
    }

    /// A table type (element type, limits); returns the element type byte.
    pub fn table_type(&mut self) -> Result<u8> {
        ensure!(
            self.bytes.get(self.pos) != Some(&0x40),
            "tables with initialisers are not supported"
        );
        let element = self.value_type()?;
        self.limits()?;
        Ok(element)
    }
}

impl Reader<'_> {
    /// An import's kind and description, skipped; a table's element type byte.
    pub fn import_desc(&mut self) -> Result<Option<u8>> {
        match self.byte()? {
            0x00 => {
                self.u32()?;
            }
            0x01 => return self.table_type().map(Some),
            0x02 => self.limits()?,
            0x03 => {
                self.value_type()?;
                self.byte()?;
            }
            0x04 => {
                self.byte()?;
                self.u32()?;
            }
            other => bail!("unknown import kind {other:#x}"),
        }
        Ok(None)
    }
}

/// The sections of a wasm module: id, name (custom sections' own; the
/// standard name of the others) and body.
pub fn sections(bytes: &[u8]) -> Result<Vec<(u8, String, &[u8])>> {
    const NAMES: [&str; 13] = [
        "custom",
        "types",
        "imports",
        "functions",
        "tables",
        "memory",
        "globals",
        "exports",
        "start",
        "elements",
        "code",
        "data",
        "data count",
    ];
    let mut r = Reader { bytes, pos: 0 };
    ensure!(r.take(8)? == b"\0asm\x01\0\0\0", "not a wasm module");
    let mut out = Vec::new();
    while r.pos < bytes.len() {
        let id = r.byte()?;
        let len = r.u32()? as usize;
        let body = r.take(len)?;
        let name = if id == 0 {
            Reader {
                bytes: body,
                pos: 0,
            }
            .name()?
        } else {
            NAMES.get(id as usize).unwrap_or(&"unknown").to_string()
        };
        out.push((id, name, body));
    }
    Ok(out)
}
