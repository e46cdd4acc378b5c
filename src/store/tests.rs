use std::io::Write;

use super::*;

fn tmp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&crate::layout::Layout::new(dir.path())).unwrap();
    (dir, store)
}

#[test]
fn blob_visible_only_after_verified_commit() {
    let (_d, store) = tmp_store();
    let data = b"hello blob";
    let digest = Digest::of(data);
    let IngestStart::Writer(mut w) = store.ingest(Some(&digest), Some(10)).unwrap() else {
        panic!("blob should not be present yet");
    };
    w.write_all(&data[..5]).unwrap();
    assert!(!store.has_blob(&digest, None));
    w.write_all(&data[5..]).unwrap();
    assert_eq!(w.commit().unwrap(), (digest.clone(), 10));
    assert_eq!(store.read_blob(&digest).unwrap(), data);
    assert!(matches!(
        store.ingest(Some(&digest), Some(10)).unwrap(),
        IngestStart::Present
    ));
}

#[test]
fn wrong_content_is_refused_and_not_visible() {
    let (_d, store) = tmp_store();
    let digest = Digest::of(b"expected");
    let IngestStart::Writer(mut w) = store.ingest(Some(&digest), None).unwrap() else {
        panic!()
    };
    w.write_all(b"tampered").unwrap();
    let err = w.commit().unwrap_err();
    assert!(matches!(err, StoreError::DigestMismatch { .. }));
    assert!(err.to_string().contains(&digest.to_string()));
    assert!(!store.has_blob(&digest, None));
    assert_eq!(fs::read_dir(store.root.join("ingest")).unwrap().count(), 0);
}

#[test]
fn interrupted_ingest_resumes() {
    let (_d, store) = tmp_store();
    let data = vec![7u8; 3 << 20];
    let digest = Digest::of(&data);
    {
        let IngestStart::Writer(mut w) = store.ingest(Some(&digest), None).unwrap() else {
            panic!()
        };
        w.write_all(&data[..1 << 20]).unwrap();
        // dropped without commit: the partial file stays
    }
    let IngestStart::Writer(mut w) = store.ingest(Some(&digest), None).unwrap() else {
        panic!()
    };
    assert_eq!(w.offset(), 1 << 20);
    w.write_all(&data[1 << 20..]).unwrap();
    w.commit().unwrap();
    assert!(store.has_blob(&digest, Some(3 << 20)));
}

#[test]
fn names_and_gc() {
    let (_d, store) = tmp_store();
    let layer = store.put_blob(b"layer").unwrap();
    let config = store.put_blob(b"{}").unwrap();
    let orphan = store.put_blob(b"orphan").unwrap();
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": oci::OCI_MANIFEST,
        "config": {"mediaType": oci::OCI_CONFIG, "digest": config, "size": 2},
        "layers": [{"mediaType": oci::OCI_LAYER_TAR, "digest": layer, "size": 5}],
    });
    let mbytes = serde_json::to_vec(&manifest).unwrap();
    let m = store.put_blob(&mbytes).unwrap();
    let target = Descriptor::new(oci::OCI_MANIFEST, m.clone(), mbytes.len() as u64);
    store
        .set_images(&[ImageRecord {
            name: "docker.io/library/x:1".into(),
            target: target.clone(),
            in_repository: false,
        }])
        .unwrap();
    let imgs = store.images().unwrap();
    assert_eq!(imgs.len(), 1);
    assert_eq!(
        imgs[0].target.annotations[oci::ANNOTATION_REF_NAME],
        "1".to_string()
    );
    let report = store.gc(true, &[]).unwrap().unwrap();
    assert_eq!(report.removed_blobs, vec![orphan.clone()]);
    assert!(store.has_blob(&layer, None) && store.has_blob(&m, None));
    store
        .remove_images(&["docker.io/library/x:1".to_string()])
        .unwrap();
    let report = store.gc(true, &[]).unwrap().unwrap();
    assert_eq!(report.removed_blobs.len(), 3);
    assert!(store.images().unwrap().is_empty());
}

#[test]
fn gc_waits_for_leases_or_skips() {
    let (_d, store) = tmp_store();
    let lease = store.lease().unwrap();
    assert!(store.gc(false, &[]).unwrap().is_none());
    drop(lease);
    assert!(store.gc(false, &[]).unwrap().is_some());
}

#[test]
fn corrupt_blob_detected_on_read() {
    let (_d, store) = tmp_store();
    let d = store.put_blob(b"{\"a\":1}").unwrap();
    fs::write(store.blob_path(&d), b"{\"a\":2}").unwrap();
    assert!(matches!(
        store.read_blob(&d),
        Err(StoreError::CorruptBlob { .. })
    ));
}
